/// The JavaScript worker's script, as plain JavaScript. Each frame starts one such worker ahead of
/// time; it captures console output and errors, then runs the one program it is sent as the body
/// of an async function (so top-level `await` works) in a realm of its own with no DOM, no
/// network (the frame's CSP) and no way to navigate. It then ends with its frame.

import { INSPECT_SOURCE } from './js-inspect-source';
import { OUTPUT_BUFFER_SOURCE } from './output-buffer-source';

export const JS_WORKER_SOURCE = String.raw`(() => {
  'use strict';
  const post = self.postMessage.bind(self);
  for (const target of [self, Object.getPrototypeOf(self), DedicatedWorkerGlobalScope.prototype]) {
    try { delete target.postMessage; } catch (e) { /* not own */ }
  }
  const deny = (what) => function () { throw new Error(what + ' is not available in the sandbox'); };
  for (const name of ['Worker', 'SharedWorker']) {
    Object.defineProperty(self, name, { value: deny(name), writable: false, configurable: false });
  }
  // WebKit lets an opaque-origin worker on a secure page open Cache Storage; nothing here needs it.
  for (let target = self; target; target = Object.getPrototypeOf(target)) {
    try { delete target.caches; } catch (e) { /* not configurable */ }
  }
  const realSetTimeout = self.setTimeout.bind(self);
  const realClearTimeout = self.clearTimeout.bind(self);
  const realSetInterval = self.setInterval.bind(self);
  const realClearInterval = self.clearInterval.bind(self);
  const realClose = self.close.bind(self);
  // The user's first line follows the wrapper's opening line.
  const OFFSET = 1;
  let USER_LINES = 0;
  ${OUTPUT_BUFFER_SOURCE}
  ${INSPECT_SOURCE}
  let finished = false;
  let mainSettled = false;
  let busy = 0;
  const timers = new Set();
  const out = createOutput((text) => post({ type: 'output', text }), realSetTimeout, realClearTimeout);
  const write = (text) => { if (!finished) out.write(text); };

  const FRAME = /(?:main\.js|blob:[^\s()]+?):(\d+):(\d+)/;
  const userFrames = (stack) => String(stack || '').split('\n').slice(1).flatMap((line) => {
    const match = FRAME.exec(line);
    if (!match) return [];
    const lineNo = Number(match[1]) - OFFSET;
    if (lineNo < 1 || lineNo > USER_LINES) return [];
    const mapped = line.replace(FRAME, 'main.js:' + lineNo + ':' + match[2]);
    return [mapped.replace(/^\s*at eval \((main\.js:\d+:\d+)\)$/, 'at $1').replace(/^\s*/, '    ')];
  });
  const errorText = (error) => {
    if (error instanceof Error || (error && typeof error === 'object' && typeof error.stack === 'string')) {
      let head;
      try { head = error.message ? error.name + ': ' + error.message : String(error.name); } catch (e) { head = 'Error'; }
      return [head, ...userFrames(error.stack)].join('\n');
    }
    return 'Uncaught ' + inspect(error, 1, []);
  };

  const { inspect, format } = createInspector(errorText);

  const counts = new Map();
  const starts = new Map();
  const log = (...args) => write(format(args) + '\n');
  const sandboxConsole = {
    log, info: log, warn: log, error: log, debug: log, trace: log, dir: (value) => write(inspect(value, 1, []) + '\n'), table: log,
    assert: (condition, ...args) => { if (!condition) write('Assertion failed' + (args.length ? ': ' + format(args) : '') + '\n'); },
    count: (label = 'default') => { counts.set(label, (counts.get(label) || 0) + 1); write(label + ': ' + counts.get(label) + '\n'); },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => starts.set(label, performance.now()),
    timeLog: (label = 'default') => write(label + ': ' + (performance.now() - (starts.get(label) ?? performance.now())).toFixed(3) + ' ms\n'),
    timeEnd: (label = 'default') => { write(label + ': ' + (performance.now() - (starts.get(label) ?? performance.now())).toFixed(3) + ' ms\n'); starts.delete(label); },
    group: log, groupCollapsed: log, groupEnd: () => {}, clear: () => {},
  };
  Object.defineProperty(self, 'console', { value: sandboxConsole, writable: true, configurable: true });

  const finish = (error) => {
    if (finished) return;
    out.end();
    finished = true;
    post({ type: 'done', error });
  };
  // Two task hops: an unhandled rejection is reported after the first.
  const maybeFinish = () => realSetTimeout(() => realSetTimeout(() => {
    if (mainSettled && timers.size === 0 && busy === 0) finish(null);
  }, 0), 0);

  self.setTimeout = (callback, ms, ...args) => {
    const id = realSetTimeout(() => {
      timers.delete(id);
      try { if (typeof callback === 'function') callback(...args); } finally { maybeFinish(); }
    }, ms);
    timers.add(id);
    return id;
  };
  self.setInterval = (callback, ms, ...args) => {
    const id = realSetInterval(() => { if (typeof callback === 'function') callback(...args); }, ms);
    timers.add(id);
    return id;
  };
  self.clearTimeout = (id) => { realClearTimeout(id); if (timers.delete(id)) maybeFinish(); };
  self.clearInterval = (id) => { realClearInterval(id); if (timers.delete(id)) maybeFinish(); };
  self.close = () => { finish(null); realClose(); };
  if (typeof self.fetch === 'function') {
    const realFetch = self.fetch.bind(self);
    self.fetch = (...args) => {
      busy++;
      const settle = () => { busy--; maybeFinish(); };
      const request = realFetch(...args);
      request.then(settle, settle);
      return request;
    };
  }

  self.addEventListener('error', (event) => { event.preventDefault(); finish(errorText(event.error ?? event.message)); });
  self.addEventListener('unhandledrejection', (event) => { event.preventDefault(); finish(errorText(event.reason)); });
  const realEval = self.eval;
  const onRun = (event) => {
    const message = event.data;
    if (!message || message.type !== 'run') return;
    self.removeEventListener('message', onRun);
    const code = String(message.code);
    USER_LINES = code.split('\n').length;
    let main;
    try {
      main = realEval('(async () => {\n' + code + '\n})\n//# sourceURL=main.js');
    } catch (error) {
      // V8 gives no line for a syntax error in eval: the frame finds it (see the frame script).
      finished = true;
      post({ type: 'syntax-error', message: String(error && error.message) });
      return;
    }
    main().then(() => { mainSettled = true; maybeFinish(); }, (error) => { mainSettled = true; finish(errorText(error)); });
  };
  self.addEventListener('message', onRun);
  post({ type: 'hello' });
})();
//# sourceURL=runner.js
`;
