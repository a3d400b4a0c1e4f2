/// The JavaScript worker. Each frame starts one such worker ahead of time; it captures console
/// output and errors, then runs the one program it is sent as the body of an async function (so
/// top-level `await` works) in a realm of its own with no DOM, no network (the frame's CSP) and no
/// way to navigate. It then ends with its frame (the frame terminates it after one run).
///
/// Before any user code runs it takes `postMessage` for itself (user code cannot forge a result),
/// denies `Worker`/`SharedWorker` and drops Cache Storage.

import { createOutput } from '../shared/output-buffer';
import { lockDownWorker } from '../shared/worker-lockdown';
import { createInspector } from './inspect';
import { readSource, sourcePosition, type ProgramSource } from './source-lines';
import type { FrameToWorker, WorkerToFrame } from './messages';

type Loose = Record<string, unknown>;
type Callback = (...args: unknown[]) => unknown;

const global = self as unknown as Loose;
const post = self.postMessage.bind(self) as (message: WorkerToFrame) => void;
lockDownWorker();

const realSetTimeout = self.setTimeout.bind(self);
const realClearTimeout = self.clearTimeout.bind(self);
const realSetInterval = self.setInterval.bind(self);
const realClearInterval = self.clearInterval.bind(self);
const realClose = self.close.bind(self);
const realEval = self.eval;
// The user's first line follows the wrapper's opening line.
const OFFSET = 1;
let userLines = 0;
let source: ProgramSource = { file: 'main.js', lines: null };

let finished = false;
let mainSettled = false;
let busy = 0;
const timers = new Set<number>();
const out = createOutput((text) => post({ type: 'output', text }), realSetTimeout, realClearTimeout);
const write = (text: string): void => {
  if (!finished) out.write(text);
};

const FRAME = /(?:main\.js|blob:[^\s()]+?):(\d+):(\d+)/;
/// The stack's frames that are the user's code, renamed to the user's file and lines.
const userFrames = (stack: unknown): string[] =>
  String(stack || '')
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const match = FRAME.exec(line);
      if (!match) return [];
      const lineNo = Number(match[1]) - OFFSET;
      if (lineNo < 1 || lineNo > userLines) return [];
      const position = sourcePosition(source, lineNo, Number(match[2]));
      if (position === null) return [];
      const mapped = line.replace(FRAME, `${source.file}:${position[0]}:${position[1]}`);
      return [mapped.replace(/^\s*at eval \(([^\s()]+:\d+:\d+)\)$/, 'at $1').replace(/^\s*/, '    ')];
    });

const errorText = (error: unknown): string => {
  const object = error as { name?: unknown; message?: unknown; stack?: unknown } | null;
  if (error instanceof Error || (object && typeof object === 'object' && typeof object.stack === 'string')) {
    let head: string;
    try {
      head = object!.message ? `${String(object!.name)}: ${String(object!.message)}` : String(object!.name);
    } catch {
      head = 'Error';
    }
    return [head, ...userFrames(object!.stack)].join('\n');
  }
  return `Uncaught ${inspect(error, 1, [])}`;
};

const { inspect, format } = createInspector(errorText);

const counts = new Map<unknown, number>();
const starts = new Map<unknown, number>();
const log = (...args: unknown[]): void => write(format(args) + '\n');
const elapsed = (label: unknown): string =>
  `${String(label)}: ${(performance.now() - (starts.get(label) ?? performance.now())).toFixed(3)} ms\n`;
const sandboxConsole = {
  log,
  info: log,
  warn: log,
  error: log,
  debug: log,
  trace: log,
  dir: (value: unknown) => write(inspect(value, 1, []) + '\n'),
  table: log,
  assert: (condition: unknown, ...args: unknown[]) => {
    if (!condition) write('Assertion failed' + (args.length ? ': ' + format(args) : '') + '\n');
  },
  count: (label: unknown = 'default') => {
    counts.set(label, (counts.get(label) || 0) + 1);
    write(`${String(label)}: ${counts.get(label)}\n`);
  },
  countReset: (label: unknown = 'default') => counts.delete(label),
  time: (label: unknown = 'default') => starts.set(label, performance.now()),
  timeLog: (label: unknown = 'default') => write(elapsed(label)),
  timeEnd: (label: unknown = 'default') => {
    write(elapsed(label));
    starts.delete(label);
  },
  group: log,
  groupCollapsed: log,
  groupEnd: () => {},
  clear: () => {},
};
Object.defineProperty(self, 'console', { value: sandboxConsole, writable: true, configurable: true });

const finish = (error: string | null): void => {
  if (finished) return;
  out.end();
  finished = true;
  post({ type: 'done', error });
};
// Two task hops: an unhandled rejection is reported after the first.
const maybeFinish = (): void => {
  realSetTimeout(
    () =>
      realSetTimeout(() => {
        if (mainSettled && timers.size === 0 && busy === 0) finish(null);
      }, 0),
    0,
  );
};

// A program ends when its main body has settled and no timer or fetch is pending.
global.setTimeout = (callback: unknown, ms?: number, ...args: unknown[]): number => {
  const id = realSetTimeout(() => {
    timers.delete(id);
    try {
      if (typeof callback === 'function') (callback as Callback)(...args);
    } finally {
      maybeFinish();
    }
  }, ms);
  timers.add(id);
  return id;
};
global.setInterval = (callback: unknown, ms?: number, ...args: unknown[]): number => {
  const id = realSetInterval(() => {
    if (typeof callback === 'function') (callback as Callback)(...args);
  }, ms);
  timers.add(id);
  return id;
};
global.clearTimeout = (id: number): void => {
  realClearTimeout(id);
  if (timers.delete(id)) maybeFinish();
};
global.clearInterval = (id: number): void => {
  realClearInterval(id);
  if (timers.delete(id)) maybeFinish();
};
global.close = (): void => {
  finish(null);
  realClose();
};
if (typeof self.fetch === 'function') {
  const realFetch = self.fetch.bind(self);
  global.fetch = (...args: Parameters<typeof fetch>): Promise<Response> => {
    busy++;
    const settle = (): void => {
      busy--;
      maybeFinish();
    };
    const request = realFetch(...args);
    request.then(settle, settle);
    return request;
  };
}

/// `readline()` and `prompt()` return the stdin box's lines one by one, then null.
const provideStdin = (lines: readonly string[]): void => {
  const queue = [...lines];
  const readline = (): string | null => queue.shift() ?? null;
  for (const name of ['readline', 'prompt']) {
    Object.defineProperty(self, name, { value: readline, writable: true, configurable: true });
  }
};

self.addEventListener('error', (event) => {
  event.preventDefault();
  finish(errorText(event.error ?? event.message));
});
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  finish(errorText(event.reason));
});

const onRun = (event: MessageEvent<FrameToWorker>): void => {
  const message = event.data;
  if (!message || message.type !== 'run') return;
  self.removeEventListener('message', onRun);
  const code = String(message.code);
  source = readSource(message.source);
  if (Array.isArray(message.stdin)) provideStdin(message.stdin.map(String));
  userLines = code.split('\n').length;
  // A compiled module is strict; the directive shares the wrapper's line, so OFFSET holds.
  const directive = message.strict === true ? "'use strict';" : '';
  let main: () => Promise<unknown>;
  try {
    main = realEval(`(async () => {${directive}\n${code}\n})\n//# sourceURL=main.js`) as () => Promise<unknown>;
  } catch (error) {
    // V8 gives no line for a syntax error in eval: the frame finds it (see the frame script).
    finished = true;
    post({ type: 'syntax-error', message: String(error instanceof Error ? error.message : error) });
    return;
  }
  main().then(
    () => {
      mainSettled = true;
      maybeFinish();
    },
    (error: unknown) => {
      mainSettled = true;
      finish(errorText(error));
    },
  );
};
self.addEventListener('message', onRun);
post({ type: 'hello' });
