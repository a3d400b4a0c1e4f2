/// The TypeScript compiler frame's inline script: starts the compiler's worker and relays messages
/// between it and the page. Nothing here or in the worker runs the person's code.

import workerSource from './compiler.worker.ts?sandbox';
import type { CompilerToPage, PageToCompiler } from './compiler-messages';

const toPage = (message: CompilerToPage): void => parent.postMessage(message, '*');

function startFrame(): void {
  const url = URL.createObjectURL(new Blob([`${workerSource}\n//# sourceURL=compiler.js`], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url, { name: 'typescript' });
  } catch (error) {
    toPage({ type: 'failed', detail: `the TypeScript worker could not start: ${String((error as Error | null)?.message)}` });
    return;
  }
  URL.revokeObjectURL(url);
  let started = false;
  worker.onmessage = (event: MessageEvent<CompilerToPage>) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'hello') started = true;
    toPage(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    toPage({ type: 'failed', detail: event.message || (started ? 'the TypeScript compiler failed' : 'the TypeScript worker could not start') });
  };
  window.addEventListener('message', (event: MessageEvent<PageToCompiler>) => {
    const message = event.data;
    if (event.source !== parent || !message || typeof message !== 'object') return;
    if (message.type === 'files' && message.files && typeof message.files === 'object') {
      const files: Record<string, ArrayBuffer> = {};
      for (const [name, bytes] of Object.entries(message.files)) if (bytes instanceof ArrayBuffer) files[name] = bytes;
      worker.postMessage({ type: 'files', files }, Object.values(files));
    } else if (message.type === 'compile') {
      worker.postMessage({ type: 'compile', id: String(message.id), code: String(message.code) });
    }
  });
}

startFrame();
