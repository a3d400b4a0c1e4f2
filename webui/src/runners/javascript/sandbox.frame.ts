/// The JavaScript frame's inline script. It runs no user code. It keeps one worker started ahead of
/// time; each program goes to that worker (a fresh realm) and a new one starts at once for the next
/// run; a finished program's worker is terminated. The frame itself lives on between runs, so Run
/// needs no new process or thread. The page removes the whole frame to end a runaway program.

import workerSource from './program.worker.ts?sandbox';
import type { FrameToPage, PageToFrame, RunProgram, WorkerToFrame } from './messages';
import { PLAIN_JAVASCRIPT, readSource, sourcePosition } from './source-lines';

interface Run extends RunProgram {
  id: string;
  worker: Worker;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  pending: boolean;
  run: Run | null;
}

const toPage = (message: FrameToPage): void => parent.postMessage(message, '*');
const blobUrl = (text: string): string => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
// Named, so that the runner's own frames never look like the program's (blob:…) in a stack.
const workerUrl = blobUrl(`${workerSource}\n//# sourceURL=runner.js`);
let next: Slot;
let current: Run | null = null;
let announced = false;

const end = (run: Run, error: string | null): void => {
  if (current !== run) return;
  current = null;
  run.worker.terminate();
  toPage({ type: 'done', id: run.id, error });
};

// eval names no line for a syntax error; a worker whose script only defines the wrapped code (and
// never calls it) fails to parse with the line number in its error event.
const findSyntaxError = (run: Run, message: string): void => {
  const checkUrl = blobUrl(`(async () => {\n${run.code}\n});`);
  const checker = new Worker(checkUrl);
  URL.revokeObjectURL(checkUrl);
  const report = (error: string): void => {
    checker.terminate();
    end(run, error);
  };
  const fallback = setTimeout(() => report(`SyntaxError: ${message}`), 2000);
  checker.onerror = (event) => {
    event.preventDefault();
    clearTimeout(fallback);
    const text = String(event.message || message).replace(/^Uncaught /, '');
    const source = run.source ?? PLAIN_JAVASCRIPT;
    const position = event.lineno - 1 >= 1 ? sourcePosition(source, event.lineno - 1, event.colno) : null;
    report(position ? `${text}\n    at ${source.file}:${position[0]}:${position[1]}` : text);
  };
};

const start = (slot: Slot): void => {
  slot.pending = false;
  const run = slot.run!;
  slot.worker.postMessage({ type: 'run', code: run.code, source: run.source, strict: run.strict, stdin: run.stdin });
};

const prepare = (): Slot => {
  const worker = new Worker(workerUrl, { name: 'javascript' });
  const slot: Slot = { worker, ready: false, pending: false, run: null };
  worker.onmessage = (event: MessageEvent<WorkerToFrame>) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'hello') {
      slot.ready = true;
      if (slot === next && !announced) {
        announced = true;
        toPage({ type: 'hello' });
      }
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
    if (!slot.ready && !announced) {
      announced = true;
      toPage({ type: 'failed', detail: event.message || 'the JavaScript worker could not start' });
    }
  };
  return slot;
};

const lines = (value: unknown): string[] | null => (Array.isArray(value) ? value.map(String) : null);

window.addEventListener('message', (event: MessageEvent<PageToFrame>) => {
  const message = event.data;
  if (event.source !== parent || !message || message.type !== 'run' || current !== null) return;
  const slot = next;
  next = prepare();
  const run: Run = {
    id: String(message.id),
    code: String(message.code),
    source: message.source ? readSource(message.source) : null,
    strict: message.strict === true,
    stdin: lines(message.stdin),
    worker: slot.worker,
  };
  slot.run = run;
  current = run;
  if (slot.ready) start(slot);
  else slot.pending = true;
});
next = prepare();
