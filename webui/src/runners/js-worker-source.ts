/// The JavaScript worker's script, as plain JavaScript. Each frame starts one such worker ahead of
/// time; it captures console output and errors, then runs the one program it is sent as the body
/// of an async function (so top-level `await` works) in a realm of its own with no DOM, no
/// network (the frame's CSP) and no way to navigate. It then ends with its frame.

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
  const realSetTimeout = self.setTimeout.bind(self);
  const realClearTimeout = self.clearTimeout.bind(self);
  const realSetInterval = self.setInterval.bind(self);
  const realClearInterval = self.clearInterval.bind(self);
  const realClose = self.close.bind(self);
  // The user's first line follows the wrapper's opening line.
  const OFFSET = 1;
  let USER_LINES = 0;
  ${OUTPUT_BUFFER_SOURCE}
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

  const IDENT = /^[A-Za-z_$][\w$]*$/;
  const quote = (text) => "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  const wrap = (open, items, close, indent) => {
    if (items.length === 0) return open.trimEnd() + close.trimStart();
    const flat = open + items.join(', ') + close;
    if (flat.length <= 72 && !flat.includes('\n')) return flat;
    const pad = '  '.repeat(indent + 1);
    return open.trimEnd() + '\n' + items.map((item) => pad + item).join(',\n') + '\n' + '  '.repeat(indent) + close.trimStart();
  };
  const inspect = (value, depth, seen) => {
    try {
      switch (typeof value) {
        case 'string': return depth === 0 ? value : quote(value);
        case 'number': return Object.is(value, -0) ? '-0' : String(value);
        case 'bigint': return value + 'n';
        case 'symbol': return value.toString();
        case 'undefined': return 'undefined';
        case 'boolean': return String(value);
        case 'function': {
          const name = value.name;
          if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return '[class ' + (name || '(anonymous)') + ']';
          return '[Function: ' + (name || '(anonymous)') + ']';
        }
      }
      if (value === null) return 'null';
      if (seen.includes(value)) return '[Circular]';
      if (value instanceof Error) return errorText(value);
      if (value instanceof Date) return isNaN(value) ? 'Invalid Date' : value.toISOString();
      if (value instanceof RegExp) return String(value);
      if (value instanceof Promise) return 'Promise { <unknown> }';
      if (value instanceof WeakMap || value instanceof WeakSet) return (value instanceof WeakMap ? 'WeakMap' : 'WeakSet') + ' { <items unknown> }';
      const nested = depth >= 3;
      const inner = [...seen, value];
      const show = (item) => inspect(item, depth + 1, inner);
      if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        const typed = !Array.isArray(value);
        const label = typed ? value.constructor.name + '(' + value.length + ') ' : '';
        if (nested) return typed ? '[' + value.constructor.name + ']' : '[Array]';
        const items = [];
        const limit = Math.min(value.length, 100);
        for (let i = 0; i < limit; i++) items.push(typed ? String(value[i]) : (i in value ? show(value[i]) : '<empty>'));
        if (value.length > limit) items.push('... ' + (value.length - limit) + ' more items');
        return label + wrap('[ ', items, ' ]', depth);
      }
      if (value instanceof Map) {
        if (nested) return '[Map]';
        return 'Map(' + value.size + ') ' + wrap('{ ', [...value].slice(0, 100).map(([k, v]) => show(k) + ' => ' + show(v)), ' }', depth);
      }
      if (value instanceof Set) {
        if (nested) return '[Set]';
        return 'Set(' + value.size + ') ' + wrap('{ ', [...value].slice(0, 100).map(show), ' }', depth);
      }
      const proto = Object.getPrototypeOf(value);
      const ctor = proto === null ? '[Object: null prototype] ' : (proto.constructor && proto.constructor.name && proto.constructor !== Object ? proto.constructor.name + ' ' : '');
      if (nested) return ctor ? '[' + ctor.trim() + ']' : '[Object]';
      const items = Object.keys(value).slice(0, 100).map((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        const shown = descriptor && 'value' in descriptor ? show(descriptor.value) : '[Getter/Setter]';
        return (IDENT.test(key) ? key : quote(key)) + ': ' + shown;
      });
      return ctor + wrap('{ ', items, ' }', depth);
    } catch (e) {
      return '[object]';
    }
  };
  const format = (args) => {
    const parts = [];
    let rest = args;
    if (typeof args[0] === 'string' && args[0].includes('%') && args.length > 1) {
      let index = 1;
      const head = args[0].replace(/%([sdifoOjc%])/g, (match, letter) => {
        if (letter === '%') return '%';
        if (index >= args.length) return match;
        const arg = args[index++];
        switch (letter) {
          case 's': return typeof arg === 'string' ? arg : inspect(arg, 1, []);
          case 'd': case 'i': return typeof arg === 'bigint' ? arg + 'n' : String(letter === 'i' ? Math.trunc(Number(arg)) : Number(arg));
          case 'f': return String(Number(arg));
          case 'j': try { return JSON.stringify(arg); } catch (e) { return '[Circular]'; }
          case 'c': return '';
          default: return inspect(arg, 1, []);
        }
      });
      parts.push(head);
      rest = args.slice(index);
    } else if (args.length > 0) {
      parts.push(inspect(args[0], 0, []));
      rest = args.slice(1);
    }
    for (const arg of rest) parts.push(inspect(arg, 0, []));
    return parts.join(' ');
  };

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
