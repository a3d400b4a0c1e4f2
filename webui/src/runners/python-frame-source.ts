/// The Python frame's inline script, as plain JavaScript. It runs no user code: it starts the
/// worker, relays messages between the page and the worker, and owns the shared buffers that the
/// page (another agent cluster) cannot touch: the interrupt flag and the stdin mailbox.
/// `__WORKER_SOURCE__` and `__BASE__` are replaced with JavaScript string literals.

export const PYTHON_FRAME_SOURCE = String.raw`'use strict';
(() => {
  const toPage = (message) => parent.postMessage(message, '*');
  const shared = self.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  const interruptBuffer = shared ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  const stdinBuffer = shared ? new SharedArrayBuffer(8 + 65536) : null;
  const stdinControl = shared ? new Int32Array(stdinBuffer, 0, 2) : null;
  const stdinData = shared ? new Uint8Array(stdinBuffer, 8) : null;
  const url = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));
  let worker;
  try {
    worker = new Worker(url, { name: 'python' });
  } catch (error) {
    toPage({ type: 'failed', detail: 'the Python worker could not start: ' + String(error && error.message), starting: true });
    return;
  }
  URL.revokeObjectURL(url);
  // The worker's first message says it runs; an error before it means it never started.
  let started = false;
  worker.onmessage = (event) => {
    if (!started && event.data && event.data.type === 'started') { started = true; return; }
    toPage(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const detail = event.message || (started ? 'the Python worker failed' : 'the Python worker could not start');
    toPage({ type: 'failed', detail, starting: !started });
  };
  worker.postMessage({ type: 'init', base: __BASE__, interruptBuffer, stdinBuffer });

  const wakeStdin = (state) => {
    Atomics.store(stdinControl, 0, state);
    Atomics.notify(stdinControl, 0);
  };
  window.addEventListener('message', (event) => {
    if (event.source !== parent) return;
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'run') {
      worker.postMessage({ type: 'run', id: String(message.id), code: String(message.code), stdin: String(message.stdin || '') });
    } else if (message.type === 'file') {
      // A Pyodide file the page fetched (from its HTTP cache, which this frame cannot use).
      const bytes = message.bytes instanceof ArrayBuffer ? message.bytes : null;
      worker.postMessage({ type: 'file', name: String(message.name), bytes }, bytes ? [bytes] : []);
    } else if (message.type === 'interrupt' && interruptBuffer) {
      interruptBuffer[0] = 2;
      wakeStdin(2);
    } else if (message.type === 'input' && !stdinControl) {
      worker.postMessage({ type: 'input', line: String(message.line) });
    } else if (message.type === 'input' && stdinControl) {
      const bytes = new TextEncoder().encode(String(message.line) + '\n').subarray(0, stdinData.length);
      stdinData.set(bytes);
      Atomics.store(stdinControl, 1, bytes.length);
      wakeStdin(1);
    }
  });
  toPage({ type: 'hello', isolated: shared });
})();
`;
