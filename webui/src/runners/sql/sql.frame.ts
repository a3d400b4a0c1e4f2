/// The SQL frame's inline script. It runs no user code. The page hands it sql.js (script and
/// WebAssembly bytes, fetched from /runtimes/sql/ with the page's HTTP cache); the frame compiles
/// the WebAssembly once and keeps one worker loaded ahead of time. Each run goes to that worker,
/// which is terminated when the run ends. The next worker starts loading when the run ends or
/// after PREPARE_AFTER_MS, whichever comes first: most runs take milliseconds, and loading a
/// worker beside them would slow them down on two cores.

import WORKER_SOURCE from './sql.worker.ts?sandbox';

interface Slot {
  worker: Worker;
  ready: boolean;
  runId: string | null;
  pending: { id: string; code: string; setup: string; input: string } | null;
}

const toPage = (message: Record<string, unknown>): void => parent.postMessage(message, '*');

let workerUrl: string | null = null;
let wasm: WebAssembly.Module | null = null;
let next: Slot | null = null;
let current: Slot | null = null;
let announced = false;
let prepareTimer: number | undefined;

const PREPARE_AFTER_MS = 100;

function prepareNext(): void {
  window.clearTimeout(prepareTimer);
  if (next !== null) return;
  try {
    next = prepare();
  } catch (error) {
    fail(`the SQL worker could not start: ${String(error)}`);
  }
}

const fail = (detail: string): void => {
  if (announced) return;
  announced = true;
  toPage({ type: 'failed', detail });
};

function start(slot: Slot): void {
  const run = slot.pending;
  if (!run) return;
  slot.pending = null;
  slot.worker.postMessage({ type: 'run', code: run.code, setup: run.setup, input: run.input });
}

function end(slot: Slot, error: string | null): void {
  if (current !== slot || slot.runId === null) return;
  current = null;
  slot.worker.terminate();
  toPage({ type: 'done', id: slot.runId, error });
  prepareNext();
}

function prepare(): Slot {
  const worker = new Worker(workerUrl as string, { name: 'sql' });
  const slot: Slot = { worker, ready: false, runId: null, pending: null };
  worker.onmessage = (event: MessageEvent) => {
    const message = event.data as { type?: unknown; text?: unknown; error?: unknown; version?: unknown; detail?: unknown };
    if (!message || typeof message !== 'object') return;
    if (message.type === 'ready') {
      slot.ready = true;
      if (!announced) {
        announced = true;
        toPage({ type: 'ready', version: String(message.version) });
      }
      start(slot);
    } else if (message.type === 'failed') {
      if (slot.runId !== null) end(slot, `Error: ${String(message.detail)}`);
      else fail(String(message.detail));
    } else if (slot.runId !== null && current === slot) {
      if (message.type === 'output') toPage({ type: 'output', id: slot.runId, text: String(message.text) });
      else if (message.type === 'done') end(slot, typeof message.error === 'string' ? message.error : null);
    }
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const detail = event.message || 'the SQL worker could not start';
    if (slot.runId !== null) end(slot, `Error: ${detail}`);
    else if (!slot.ready) fail(detail);
  };
  try {
    worker.postMessage({ type: 'init', wasm });
  } catch {
    // An engine that cannot hand a compiled module to a worker gets nothing better to run.
    fail('this browser cannot pass WebAssembly to a worker');
  }
  return slot;
}

async function receiveRuntime(script: string, bytes: ArrayBuffer): Promise<void> {
  try {
    wasm = await WebAssembly.compile(bytes);
  } catch (error) {
    fail(`SQLite could not be compiled: ${String(error)}`);
    return;
  }
  workerUrl = URL.createObjectURL(new Blob([script, '\n;\n', WORKER_SOURCE], { type: 'text/javascript' }));
  try {
    next = prepare();
  } catch (error) {
    fail(`the SQL worker could not start: ${String(error)}`);
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== parent) return;
  const message = event.data as { type?: unknown; script?: unknown; wasm?: unknown; id?: unknown; code?: unknown; setup?: unknown; input?: unknown };
  if (!message || typeof message !== 'object') return;
  if (message.type === 'runtime' && workerUrl === null && typeof message.script === 'string' && message.wasm instanceof ArrayBuffer) {
    void receiveRuntime(message.script, message.wasm);
  } else if (message.type === 'run' && current === null && next !== null) {
    const slot = next;
    next = null;
    prepareTimer = window.setTimeout(prepareNext, PREPARE_AFTER_MS);
    slot.runId = String(message.id);
    slot.pending = { id: slot.runId, code: String(message.code), setup: String(message.setup ?? ''), input: String(message.input ?? '') };
    current = slot;
    if (slot.ready) start(slot);
  }
});

toPage({ type: 'hello' });
