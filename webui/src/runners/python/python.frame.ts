/// The Python frame's inline script. It runs no user code: it starts the worker, relays messages
/// between the page and the worker, and owns the shared buffers that the page (another agent
/// cluster) cannot touch: the interrupt flag and the stdin mailbox. The Pyodide base URL
/// and how to start come from the srcdoc's `<script id="runner-config" type="application/json">`
/// (sandbox.ts).

import workerSource from './python.worker.ts?sandbox';

interface FrameConfig {
  base: string;
  makeSnapshot: boolean;
  localSnapshot: boolean;
}

function readConfig(): FrameConfig {
  const config = JSON.parse(document.getElementById('runner-config')?.textContent ?? '{}') as Record<string, unknown>;
  return { base: String(config.base ?? ''), makeSnapshot: config.makeSnapshot === true, localSnapshot: config.localSnapshot === true };
}

function startFrame(): void {
  const toPage = (message: unknown): void => parent.postMessage(message, '*');
  const shared = self.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  const interruptBuffer = shared ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  const stdinBuffer = shared ? new SharedArrayBuffer(8 + 65536) : null;
  const stdinControl = stdinBuffer ? new Int32Array(stdinBuffer, 0, 2) : null;
  const stdinData = stdinBuffer ? new Uint8Array(stdinBuffer, 8) : null;
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url, { name: 'python' });
  } catch (error) {
    toPage({ type: 'failed', detail: `the Python worker could not start: ${String((error as Error | null)?.message)}`, starting: true });
    return;
  }
  URL.revokeObjectURL(url);
  // The worker's first message says it runs; an error before it means it never started.
  let started = false;
  worker.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (!started && data && data.type === 'started') {
      started = true;
      return;
    }
    // A snapshot made here goes to the page without a copy (it is 21 MB).
    const bytes = data && data.type === 'snapshot' ? (data as { bytes?: unknown }).bytes : null;
    if (bytes instanceof ArrayBuffer) parent.postMessage(data, '*', [bytes]);
    else toPage(event.data);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const detail = event.message || (started ? 'the Python worker failed' : 'the Python worker could not start');
    toPage({ type: 'failed', detail, starting: !started });
  };
  worker.postMessage({ type: 'init', ...readConfig(), interruptBuffer, stdinBuffer });

  const wakeStdin = (control: Int32Array, state: number): void => {
    Atomics.store(control, 0, state);
    Atomics.notify(control, 0);
  };
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== parent) return;
    const message: unknown = event.data;
    if (!message || typeof message !== 'object') return;
    const data = message as Record<string, unknown>;
    if (data.type === 'run') {
      worker.postMessage({ type: 'run', id: String(data.id), code: String(data.code), stdin: String(data.stdin || '') });
    } else if (data.type === 'file') {
      // A Pyodide file the page fetched (from its HTTP cache, which this frame cannot use).
      const bytes = data.bytes instanceof ArrayBuffer ? data.bytes : null;
      worker.postMessage({ type: 'file', name: String(data.name), bytes }, bytes ? [bytes] : []);
    } else if (data.type === 'interrupt' && interruptBuffer && stdinControl) {
      interruptBuffer[0] = 2;
      wakeStdin(stdinControl, 2);
    } else if (data.type === 'input' && !stdinControl) {
      worker.postMessage({ type: 'input', line: String(data.line) });
    } else if (data.type === 'input' && stdinControl && stdinData) {
      const bytes = new TextEncoder().encode(`${String(data.line)}\n`).subarray(0, stdinData.length);
      stdinData.set(bytes);
      Atomics.store(stdinControl, 1, bytes.length);
      wakeStdin(stdinControl, 1);
    }
  });
  toPage({ type: 'hello', isolated: shared });
}

startFrame();
