/// The JavaScript frame's inline script, as plain JavaScript. It runs no user code. It keeps one
/// worker started ahead of time; each program goes to that worker (a fresh realm) and a new one
/// starts at once for the next run; a finished program's worker is terminated. The frame itself
/// lives on between runs, so Run needs no new process or thread. `__WORKER_SOURCE__` is replaced
/// with a string literal.

export const JS_FRAME_SOURCE = String.raw`'use strict';
(() => {
  const toPage = (message) => parent.postMessage(message, '*');
  const blobUrl = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  const workerUrl = blobUrl(__WORKER_SOURCE__);
  let next = null;
  let current = null;

  // eval names no line for a syntax error; a worker whose script only defines the wrapped code
  // (and never calls it) fails to parse with the line number in its error event.
  const findSyntaxError = (run, message) => {
    const checkUrl = blobUrl('(async () => {\n' + run.code + '\n});');
    const checker = new Worker(checkUrl);
    URL.revokeObjectURL(checkUrl);
    const report = (error) => { checker.terminate(); end(run, error); };
    const fallback = setTimeout(() => report('SyntaxError: ' + message), 2000);
    checker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(fallback);
      const text = String(event.message || message).replace(/^Uncaught /, '');
      const line = event.lineno - 1;
      report(line >= 1 ? text + '\n    at main.js:' + line + ':' + event.colno : text);
    };
  };

  const end = (run, error) => {
    if (current !== run) return;
    current = null;
    run.worker.terminate();
    toPage({ type: 'done', id: run.id, error });
  };

  const prepare = () => {
    const worker = new Worker(workerUrl, { name: 'javascript' });
    const slot = { worker, ready: false, run: null };
    worker.onmessage = (event) => {
      const message = event.data;
      if (!message || typeof message !== 'object') return;
      if (message.type === 'hello') {
        slot.ready = true;
        if (slot === next && !announced) { announced = true; toPage({ type: 'hello' }); }
        if (slot.pending) start(slot);
        return;
      }
      const run = slot.run;
      if (!run || current !== run) return;
      if (message.type === 'output') toPage({ type: 'output', id: run.id, text: message.text });
      else if (message.type === 'syntax-error') findSyntaxError(run, String(message.message));
      else if (message.type === 'done') end(run, message.error === null ? null : String(message.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (slot.run) end(slot.run, String(event.message || 'Error'));
      // A worker that never said hello did not start (WebKit, sandboxed frame, page with COEP).
      if (!slot.ready && !announced) { announced = true; toPage({ type: 'failed', detail: event.message || 'the JavaScript worker could not start' }); }
    };
    return slot;
  };
  const start = (slot) => {
    slot.pending = false;
    slot.worker.postMessage({ type: 'run', code: slot.run.code });
  };
  let announced = false;

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (event.source !== parent || !message || message.type !== 'run' || current !== null) return;
    const slot = next;
    next = prepare();
    const run = { id: String(message.id), code: String(message.code), worker: slot.worker };
    slot.run = run;
    current = run;
    if (slot.ready) start(slot);
    else slot.pending = true;
  });
  next = prepare();
})();
`;
