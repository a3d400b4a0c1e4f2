/// The TypeScript compiler frame's inline script: once the page hands over the runtime files, it
/// starts the compiler's worker from one blob: the compiler (lib/typescript.js) followed by
/// compiler.worker.ts, so no script is fetched or evaluated from a string (WebKit refuses
/// `importScripts` of a blob: URL in an opaque-origin worker). It then relays messages between the
/// worker and the page. Nothing here or in the worker runs the person's code.

import workerSource from './compiler.worker.ts?sandbox';
import { COMPILER_FILE, type CompilerToPage, type PageToCompiler, type RuntimeFiles } from './compiler-messages';

const toPage = (message: CompilerToPage): void => parent.postMessage(message, '*');

function start(files: RuntimeFiles, sent: number): Worker | null {
  const compiler = files[COMPILER_FILE];
  if (!compiler || compiler.byteLength === 0) {
    // Says what did arrive, so that a report tells a page that fetched nothing from a transfer
    // that lost the bytes on the way.
    const got = Object.values(files).filter((bytes) => bytes.byteLength > 0).length;
    toPage({ type: 'failed', detail: `${COMPILER_FILE} is missing (${got} of the ${sent} files sent have bytes)` });
    return null;
  }
  const script = new Blob([compiler, `\n;\n${workerSource}\n//# sourceURL=compiler.js`], { type: 'text/javascript' });
  const url = URL.createObjectURL(script);
  let worker: Worker;
  try {
    worker = new Worker(url, { name: 'typescript' });
  } catch (error) {
    toPage({ type: 'failed', detail: `the TypeScript worker could not start: ${String((error as Error | null)?.message)}` });
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
  worker.onmessage = (event: MessageEvent<CompilerToPage>) => {
    if (event.data && typeof event.data === 'object') toPage(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    toPage({ type: 'failed', detail: event.message || 'the TypeScript compiler failed' });
  };
  const declarations: RuntimeFiles = {};
  for (const [name, bytes] of Object.entries(files)) if (name !== COMPILER_FILE) declarations[name] = bytes;
  worker.postMessage({ type: 'files', files: declarations }, Object.values(declarations));
  return worker;
}

let worker: Worker | null = null;
window.addEventListener('message', (event: MessageEvent<PageToCompiler>) => {
  const message = event.data;
  if (event.source !== parent || !message || typeof message !== 'object') return;
  if (message.type === 'files' && worker === null && message.files && typeof message.files === 'object') {
    const files: RuntimeFiles = {};
    for (const [name, bytes] of Object.entries(message.files)) if (bytes instanceof ArrayBuffer) files[name] = bytes;
    worker = start(files, Object.keys(message.files).length);
  } else if (message.type === 'compile' && worker !== null) {
    worker.postMessage({ type: 'compile', id: String(message.id), code: String(message.code) });
  }
});
toPage({ type: 'hello' });
