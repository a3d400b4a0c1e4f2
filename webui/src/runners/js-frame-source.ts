/// The JavaScript frame's inline script, as plain JavaScript. It runs no user code: on the one
/// `run` message it accepts, it starts a worker from the prefix, the code and the suffix, and
/// relays that worker's messages to the page. `__PREFIX__`, `__SUFFIX__` and `__OFFSET__` are
/// replaced with literals.

export const JS_FRAME_SOURCE = String.raw`'use strict';
(() => {
  const toPage = (message) => parent.postMessage(message, '*');
  const PREFIX = __PREFIX__;
  const SUFFIX = __SUFFIX__;
  const OFFSET = __OFFSET__;
  let started = false;
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (event.source !== parent || started || !message || message.type !== 'run') return;
    started = true;
    const code = String(message.code);
    const prefix = PREFIX.replace('__USER_LINES__', String(code.split('\n').length));
    const url = URL.createObjectURL(new Blob([prefix + code + SUFFIX], { type: 'text/javascript' }));
    const worker = new Worker(url, { name: 'javascript' });
    URL.revokeObjectURL(url);
    worker.onmessage = (e) => toPage(e.data);
    // Reached only by errors the worker could not report itself: syntax errors in the code.
    worker.onerror = (e) => {
      e.preventDefault();
      const text = String(e.message || 'Error').replace(/^Uncaught /, '');
      const line = e.lineno - OFFSET;
      toPage({ type: 'done', error: line >= 1 ? text + '\n    at main.js:' + line + ':' + e.colno : text });
      worker.terminate();
    };
  });
  toPage({ type: 'hello' });
})();
`;
