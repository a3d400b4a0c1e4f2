/// The Python worker: a classic Worker started from a blob: URL inside the sandboxed frame. It
/// loads Pyodide from the base URL and runs one program at a time. User code runs only here,
/// where there is no DOM and no way to navigate.

import { createOutput, type OutputBuffer } from '../shared/output-buffer';
import { lockDownWorker } from '../shared/worker-lockdown';
import HELPER from './helper.py?raw';
import PREPARE from './snapshot_prepare.py?raw';
import { STORED_STDLIB_FILE } from './page-files';
import type { PyodideApi, PyProxy } from './pyodide-api';
import { finishStartup, laterStdlib, receiveFile, startPyodide, startup } from './pyodide-start';
import { completeStdlib } from './stdlib-later';

type RunProgram = (code: string) => unknown;

interface CurrentRun {
  id: string;
  out: OutputBuffer;
  piped: boolean;
  lines: string[];
}

interface Awaitable {
  then: unknown;
  destroy(): void;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

// Captured before user code can run; afterwards user code cannot post to the frame or start
// workers, so it can neither forge results nor flood the page nor spawn workers without end.
const postToFrame = scope.postMessage.bind(scope);
const post = (message: unknown, transfer: Transferable[] = []): void => postToFrame(message, transfer);
// Tells the frame the worker runs at all (in WebKit a blob: worker in a sandboxed frame fails
// to start on a page with COEP; the page then reloads without isolation).
post({ type: 'started' });

// Pyodide 314 loads as a module only if importScripts is unusable; 0.27 then falls back to import().
scope.importScripts = () => {
  throw new TypeError('importScripts is not available in the sandbox');
};

let pyodide: PyodideApi | null = null;
let runProgram: RunProgram | null = null;
let runScope: PyProxy | null = null;
let interruptBuffer: Uint8Array | null = null;
let stdinControl: Int32Array | null = null;
let stdinData: Uint8Array | null = null;
let current: CurrentRun | null = null;
// JavaScript Promise Integration: without SharedArrayBuffer, input() can still wait for the
// person by suspending the WebAssembly stack on a promise (Pyodide's run_sync).
const wasm = WebAssembly as unknown as Record<string, unknown>;
const jspi = typeof wasm.Suspending === 'function' && typeof wasm.promising === 'function';
let promiseInput = false;
let answer: { promise: Promise<string>; resolve(line: string): void } | null = null;

const emit = (text: string): void => current?.out.write(text);
const flush = (): void => current?.out.flush();
const writer = () => {
  const decoder = new TextDecoder();
  return {
    write: (bytes: Uint8Array): number => {
      emit(decoder.decode(bytes, { stream: true }));
      return bytes.length;
    },
    isatty: false,
  };
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();
let stdinBytes = new Uint8Array(0);

function nextLine(run: CurrentRun): string | null {
  // Text given in the stdin box is all there is (like a pipe); with none, ask the person.
  if (run.piped) return run.lines.length > 0 ? `${run.lines.shift()}\n` : null;
  if (!stdinControl || !stdinData) return null;
  flush();
  Atomics.store(stdinControl, 0, 0);
  post({ type: 'input-request', id: run.id });
  while (Atomics.load(stdinControl, 0) === 0) Atomics.wait(stdinControl, 0, 0, 500);
  if (Atomics.load(stdinControl, 0) !== 1) return null;
  const line = decoder.decode(stdinData.slice(0, Atomics.load(stdinControl, 1)));
  Atomics.store(stdinControl, 0, 0);
  emit(line);
  return line;
}

function read(buffer: Uint8Array): number {
  if (!current) return 0;
  if (stdinBytes.length === 0) {
    const line = nextLine(current);
    if (line === null) return 0;
    stdinBytes = encoder.encode(line);
  }
  const n = Math.min(buffer.length, stdinBytes.length);
  buffer.set(stdinBytes.subarray(0, n));
  stdinBytes = stdinBytes.subarray(n);
  return n;
}

const interactive = (): boolean => current !== null && !current.piped;

function ask(): Promise<string> {
  if (answer === null) {
    flush();
    let resolve: (line: string) => void = () => undefined;
    const promise = new Promise<string>((done) => {
      resolve = done;
    });
    answer = { promise, resolve };
    post({ type: 'input-request', id: current?.id });
  }
  return answer.promise;
}

function answerInput(line: string): void {
  if (answer === null || !current) return;
  const pending = answer;
  answer = null;
  emit(`${line}\n`);
  pending.resolve(line);
}

function errorText(error: unknown): string {
  return String(error instanceof Error && error.message ? error.message : error);
}

/// Where input() waits on a promise, this engine's own snapshot: the interpreter is started
/// normally with `_makeSnapshot`, takes the same steps as scripts/make-pyodide-snapshot.mjs
/// (snapshot_prepare.py) and is never used for a run: the page keeps the bytes
/// and ends it.
function makeSnapshot(started: PyodideApi): void {
  // In globals of its own: __main__ keeps nothing of it, not even a docstring.
  const globals = started.toPy({});
  started.runPython(`${PREPARE}\n_interview_desk_prepare(${JSON.stringify(HELPER)})`, { globals });
  globals.destroy();
  if (!started.makeMemorySnapshot) throw new Error('this Pyodide cannot make a memory snapshot');
  const bytes = started.makeMemorySnapshot();
  post({ type: 'snapshot', bytes: bytes.buffer }, [bytes.buffer]);
}

interface LoadOptions {
  base: string;
  /// Start normally and make a snapshot instead of getting ready (see makeSnapshot).
  makeSnapshot: boolean;
  /// The snapshot the page hands over was made in this engine, with promise input in mind.
  localSnapshot: boolean;
}

async function load(how: LoadOptions): Promise<void> {
  const { base } = how;
  post({ type: 'progress', detail: 'Downloading Python' });
  const imported = (): void => post({ type: 'progress', detail: 'Starting Python' });
  const wantsPromiseInput = stdinControl === null && jspi;
  // A snapshot made in Node has run_sync turned off for good; one made here does not.
  const snapshotAllowed = !how.makeSnapshot && (!wantsPromiseInput || how.localSnapshot);
  const options = { indexURL: base, stdout: () => {}, stderr: () => {}, ...(how.makeSnapshot ? { _makeSnapshot: true } : {}) };
  const started = await startPyodide(base, options, imported, snapshotAllowed);
  if (how.makeSnapshot) {
    makeSnapshot(started);
    return;
  }
  if (startup.stdlibLater) completeStdlib(started, laterStdlib(), base + STORED_STDLIB_FILE);
  pyodide = started;
  started.setStdout(writer());
  started.setStderr(writer());
  started.setStdin({ read, isatty: false });
  // Without a shared flag, an unshared one still makes the interpreter call into JavaScript now
  // and then: WebKit ends a worker only there, never inside a busy WebAssembly loop.
  started.setInterruptBuffer(interruptBuffer ?? new Uint8Array(1));
  const helperScope = started.toPy({});
  started.runPython(HELPER, { globals: helperScope });
  const program = helperScope.get('run_program') as RunProgram;
  runProgram = program;
  runScope = helperScope;
  promiseInput = wantsPromiseInput;
  if (promiseInput) (helperScope.get('install_input') as (i: () => boolean, a: () => Promise<string>) => void)(interactive, ask);
  // Pays the first run's one-off costs (imports, compiler paths) before anyone waits on them.
  program('pass');
  lockDownWorker();
  const python = String(started.runPython('import sys\nsys.version.split()[0]'));
  post({
    type: 'ready',
    version: `Python ${python} · Pyodide ${started.version}`,
    interrupts: interruptBuffer !== null,
    stdinInteractive: stdinControl !== null || promiseInput,
    startup: finishStartup(),
  });
}

function isAwaitable(value: unknown): value is Awaitable {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

async function run(message: { id: unknown; code: unknown; stdin: unknown }): Promise<void> {
  if (!pyodide || !runProgram || !runScope) return;
  const id = String(message.id);
  const stdin = typeof message.stdin === 'string' ? message.stdin : '';
  const active: CurrentRun = {
    id,
    out: createOutput((text) => post({ type: 'output', id, text }), null, null),
    piped: stdin !== '',
    lines: stdin !== '' ? stdin.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n') : [],
  };
  current = active;
  stdinBytes = new Uint8Array(0);
  answer = null;
  if (interruptBuffer) interruptBuffer[0] = 0;
  let error: string | null = null;
  let fatal = false;
  const started = performance.now();
  try {
    // Entered through runPythonAsync, so that run_sync (input() above) can suspend; needs JSPI.
    let result: unknown;
    if (promiseInput) {
      runScope.set('program_text', String(message.code));
      result = await pyodide.runPythonAsync('run_program(program_text)', { globals: runScope });
    } else result = runProgram(String(message.code));
    if (isAwaitable(result)) {
      const coroutine = result;
      result = await (coroutine as unknown as Promise<unknown>);
      coroutine.destroy();
    }
    error = typeof result === 'string' ? result : null;
  } catch (e) {
    fatal = true;
    error = `RuntimeError: the Python runtime failed: ${errorText(e)}`;
  }
  active.out.end();
  post({ type: 'done', id, error, fatal, elapsedMs: performance.now() - started });
  current = null;
}

scope.onmessage = (event: MessageEvent) => {
  const message: unknown = event.data;
  if (!message || typeof message !== 'object') return;
  const data = message as Record<string, unknown>;
  if (data.type === 'init' && pyodide === null) {
    interruptBuffer = data.interruptBuffer instanceof Uint8Array ? data.interruptBuffer : null;
    if (typeof SharedArrayBuffer === 'function' && data.stdinBuffer instanceof SharedArrayBuffer) {
      stdinControl = new Int32Array(data.stdinBuffer, 0, 2);
      stdinData = new Uint8Array(data.stdinBuffer, 8);
    }
    load({ base: String(data.base), makeSnapshot: data.makeSnapshot === true, localSnapshot: data.localSnapshot === true }).catch((e: unknown) => post({ type: 'failed', detail: errorText(e) }));
  } else if (data.type === 'file') {
    // The standard library may come after the start (stdlib-later.ts); others are dropped then.
    receiveFile({ name: data.name, bytes: data.bytes });
  } else if (data.type === 'run' && runProgram !== null && current === null) {
    void run({ id: data.id, code: data.code, stdin: data.stdin });
  } else if (data.type === 'input' && typeof data.line === 'string') {
    answerInput(data.line);
  }
};
