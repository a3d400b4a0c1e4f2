/// The Ruby frame's inline script. It runs no user code. It compiles the interpreter once (from
/// the bytes the page sends) and keeps one worker ahead of time, already holding a fresh Ruby VM;
/// each program goes to that worker, which is terminated when the program ends, and the next one
/// starts then. The page removes the whole frame to end a runaway program.

import type { FrameToPage, FrameToWorker, PageToFrame, RunProgram, WorkerToFrame } from './messages';
import { capMemory } from './memory-limit';
import workerSource from './ruby.worker.ts?sandbox';

/// Plenty for an interview program; a memory bomb meets Ruby's NoMemoryError here instead of
/// taking the browser's memory.
const MEMORY_LIMIT = 1024 * 1024 * 1024;

interface Run extends RunProgram {
  id: string;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  run: Run | null;
}

const toPage = (message: FrameToPage): void => parent.postMessage(message, '*');
const toWorker = (slot: Slot, message: FrameToWorker): void => slot.worker.postMessage(message);
// Named, so that the runner's own frames never look like the program's in a stack.
const workerUrl = URL.createObjectURL(new Blob([`${workerSource}\n//# sourceURL=ruby-runner.js`], { type: 'text/javascript' }));
let compiled: WebAssembly.Module | null = null;
let next: Slot | null = null;
let current: { run: Run; slot: Slot } | null = null;
let announced = false;

const fail = (detail: string): void => {
  if (announced) return;
  announced = true;
  toPage({ type: 'failed', detail });
};

const end = (slot: Slot, error: string | null): void => {
  if (current?.slot !== slot) return;
  const { run } = current;
  current = null;
  slot.worker.terminate();
  toPage({ type: 'done', id: run.id, error });
  // The next run's VM starts once this program has ended, not beside it: WebKit, whose workers
  // outlive a removed frame while they compute, did not start the next frame's VM after a Stop
  // had removed a frame with two Ruby workers in it.
  next = prepare();
};

const send = (slot: Slot): void => {
  const { code, stdin } = slot.run!;
  toWorker(slot, { type: 'run', code, stdin });
};

function prepare(): Slot {
  const slot: Slot = { worker: new Worker(workerUrl, { name: 'ruby' }), ready: false, run: null };
  slot.worker.onmessage = (event: MessageEvent<WorkerToFrame>) => {
    const message = event.data;
    if (message.type === 'ready') {
      slot.ready = true;
      if (!announced) {
        announced = true;
        toPage({ type: 'hello', version: message.version });
      }
      if (slot.run) send(slot);
    } else if (message.type === 'failed') {
      if (slot.run) end(slot, `Error: Ruby could not start: ${message.detail}`);
      else fail(message.detail);
    } else if (message.type === 'output' && slot.run) {
      toPage({ type: 'output', id: slot.run.id, text: message.text });
    } else if (message.type === 'done') {
      end(slot, message.error);
    }
  };
  slot.worker.onerror = (event) => {
    event.preventDefault();
    const detail = event.message || 'the Ruby worker stopped';
    if (slot.run) end(slot, `Error: ${detail}`);
    // A worker that never became ready did not start (WebKit, sandboxed frame, page with COEP).
    else if (!slot.ready) fail(detail);
  };
  toWorker(slot, { type: 'start', module: compiled! });
  return slot;
}

async function compile(bytes: ArrayBuffer): Promise<void> {
  compiled = await WebAssembly.compile(capMemory(new Uint8Array(bytes), MEMORY_LIMIT) as Uint8Array<ArrayBuffer>);
  next = prepare();
}

window.addEventListener('message', (event: MessageEvent<PageToFrame>) => {
  if (event.source !== parent) return;
  const message = event.data;
  if (message.type === 'wasm') {
    if (compiled !== null) return;
    if (message.bytes === null) fail('the Ruby interpreter could not be downloaded');
    else compile(message.bytes).catch((error: unknown) => fail(`Ruby could not be compiled: ${String(error)}`));
  } else if (message.type === 'run' && current === null && next !== null) {
    const slot = next;
    next = null;
    slot.run = { id: message.id, code: message.code, stdin: message.stdin };
    current = { run: slot.run, slot };
    if (slot.ready) send(slot);
  }
});
toPage({ type: 'boot' });
