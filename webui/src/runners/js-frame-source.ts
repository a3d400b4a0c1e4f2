/// The JavaScript frame's inline script, as plain JavaScript. It runs no user code: it starts the
/// worker at once (so that Run does not wait for a thread to start), hands it the one program the
/// page sends, and relays the worker's messages to the page. `__WORKER_SOURCE__` is replaced
/// with a string literal.

export const JS_FRAME_SOURCE = String.raw`'use strict';
(() => {
  const toPage = (message) => parent.postMessage(message, '*');
  const blobUrl = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  const url = blobUrl(__WORKER_SOURCE__);
  const worker = new Worker(url, { name: 'javascript' });
  URL.revokeObjectURL(url);
  let code = null;

  // eval names no line for a syntax error; a worker whose script only defines the wrapped code
  // (and never calls it) fails to parse with the line number in its error event.
  const findSyntaxError = (message) => {
    const checkUrl = blobUrl('(async () => {\n' + code + '\n});');
    const checker = new Worker(checkUrl);
    URL.revokeObjectURL(checkUrl);
    const fallback = setTimeout(() => { checker.terminate(); toPage({ type: 'done', error: 'SyntaxError: ' + message }); }, 2000);
    checker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(fallback);
      checker.terminate();
      const text = String(event.message || message).replace(/^Uncaught /, '');
      const line = event.lineno - 1;
      toPage({ type: 'done', error: line >= 1 ? text + '\n    at main.js:' + line + ':' + event.colno : text });
    };
  };

  worker.onmessage = (event) => {
    const message = event.data;
    if (message && message.type === 'syntax-error') findSyntaxError(String(message.message));
    else toPage(message);
  };
  worker.onerror = (event) => { event.preventDefault(); toPage({ type: 'done', error: String(event.message || 'Error') }); };
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (event.source !== parent || code !== null || !message || message.type !== 'run') return;
    code = String(message.code);
    worker.postMessage({ type: 'run', code });
  });
})();
`;
