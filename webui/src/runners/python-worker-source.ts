/// The Python worker's script, as plain JavaScript: it runs in a classic Worker started from a
/// blob: URL inside the sandboxed frame, loads Pyodide from the base URL and runs one program at a
/// time. User code runs only here, where there is no DOM and no way to navigate.

import { OUTPUT_BUFFER_SOURCE } from './output-buffer-source';
import { PYTHON_HELPER_SOURCE } from './python-helper-source';
import { PYTHON_START_SOURCE } from './python-start-source';

export const PYTHON_WORKER_SOURCE = String.raw`'use strict';
(() => {
  // Captured before user code can run; afterwards user code cannot post to the frame or start
  // workers, so it can neither forge results nor flood the page nor spawn workers without end.
  const post = self.postMessage.bind(self);
  // Tells the frame the worker runs at all (in WebKit a blob: worker in a sandboxed frame fails
  // to start on a page with COEP; the page then reloads without isolation).
  post({ type: 'started' });
  const deny = (what) => function () { throw new Error(what + ' is not available in the sandbox'); };
  const lockDown = () => {
    for (const target of [self, Object.getPrototypeOf(self), DedicatedWorkerGlobalScope.prototype]) {
      try { delete target.postMessage; } catch (e) { /* not own */ }
    }
    for (const name of ['Worker', 'SharedWorker']) {
      Object.defineProperty(self, name, { value: deny(name), writable: false, configurable: false });
    }
    // WebKit lets an opaque-origin worker on a secure page open Cache Storage; Python needs none.
    for (let target = self; target; target = Object.getPrototypeOf(target)) {
      try { delete target.caches; } catch (e) { /* not configurable */ }
    }
  };
  // Pyodide 314 loads as a module only if importScripts is unusable; 0.27 then falls back to import().
  self.importScripts = () => { throw new TypeError('importScripts is not available in the sandbox'); };

  ${OUTPUT_BUFFER_SOURCE}
  ${PYTHON_START_SOURCE}
  let pyodide = null;
  let runProgram = null;
  let runScope = null;
  let interruptBuffer = null;
  let stdinControl = null;
  let stdinData = null;
  let current = null;
  // JavaScript Promise Integration: without SharedArrayBuffer, input() can still wait for the
  // person by suspending the WebAssembly stack on a promise (Pyodide's run_sync).
  const jspi = typeof WebAssembly.Suspending === 'function' && typeof WebAssembly.promising === 'function';
  let promiseInput = false;
  let answer = null;
  const emit = (text) => { if (current) current.out.write(text); };
  const flush = () => { if (current) current.out.flush(); };
  const writer = () => {
    const decoder = new TextDecoder();
    return { write: (bytes) => { emit(decoder.decode(bytes, { stream: true })); return bytes.length; }, isatty: false };
  };

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let stdinBytes = new Uint8Array(0);
  const nextLine = () => {
    // Text given in the stdin box is all there is (like a pipe); with none, ask the person.
    if (current.piped) return current.lines.length > 0 ? current.lines.shift() + '\n' : null;
    if (!stdinControl) return null;
    flush();
    Atomics.store(stdinControl, 0, 0);
    post({ type: 'input-request', id: current.id });
    while (Atomics.load(stdinControl, 0) === 0) Atomics.wait(stdinControl, 0, 0, 500);
    if (Atomics.load(stdinControl, 0) !== 1) return null;
    const line = decoder.decode(stdinData.slice(0, Atomics.load(stdinControl, 1)));
    Atomics.store(stdinControl, 0, 0);
    emit(line);
    return line;
  };
  const read = (buffer) => {
    if (!current) return 0;
    if (stdinBytes.length === 0) {
      const line = nextLine();
      if (line === null) return 0;
      stdinBytes = encoder.encode(line);
    }
    const n = Math.min(buffer.length, stdinBytes.length);
    buffer.set(stdinBytes.subarray(0, n));
    stdinBytes = stdinBytes.subarray(n);
    return n;
  };

  const interactive = () => current !== null && !current.piped;
  const ask = () => {
    if (answer === null) {
      flush();
      let resolve = null;
      const promise = new Promise((done) => { resolve = done; });
      answer = { promise, resolve };
      post({ type: 'input-request', id: current.id });
    }
    return answer.promise;
  };
  const answerInput = (line) => {
    if (answer === null || !current) return;
    const pending = answer;
    answer = null;
    emit(line + '\n');
    pending.resolve(line);
  };

  const HELPER = ${JSON.stringify(PYTHON_HELPER_SOURCE)};

  const load = async (base) => {
    post({ type: 'progress', detail: 'Downloading Python' });
    const imported = () => post({ type: 'progress', detail: 'Starting Python' });
    const wantsPromiseInput = stdinControl === null && jspi;
    pyodide = await startPyodide(base, { indexURL: base, stdout: () => {}, stderr: () => {} }, imported, !wantsPromiseInput);
    pyodide.setStdout(writer());
    pyodide.setStderr(writer());
    pyodide.setStdin({ read, isatty: false });
    // Without a shared flag, an unshared one still makes the interpreter call into JavaScript now
    // and then: WebKit ends a worker only there, never inside a busy WebAssembly loop.
    pyodide.setInterruptBuffer(interruptBuffer || new Uint8Array(1));
    const scope = pyodide.toPy({});
    pyodide.runPython(HELPER, { globals: scope });
    runProgram = scope.get('run_program');
    runScope = scope;
    promiseInput = wantsPromiseInput;
    if (promiseInput) scope.get('install_input')(interactive, ask);
    // Pays the first run's one-off costs (imports, compiler paths) before anyone waits on them.
    runProgram('pass');
    lockDown();
    const python = pyodide.runPython('import sys\nsys.version.split()[0]');
    post({ type: 'ready', version: 'Python ' + python + ' · Pyodide ' + pyodide.version, interrupts: interruptBuffer !== null, stdinInteractive: stdinControl !== null || promiseInput, startup: finishStartup() });
  };

  const run = async (message) => {
    const id = message.id;
    const stdin = typeof message.stdin === 'string' ? message.stdin : '';
    current = {
      id,
      out: createOutput((text) => post({ type: 'output', id, text }), null, null),
      piped: stdin !== '',
      lines: stdin !== '' ? stdin.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n') : [],
    };
    stdinBytes = new Uint8Array(0);
    answer = null;
    if (interruptBuffer) interruptBuffer[0] = 0;
    let error = null;
    let fatal = false;
    const started = performance.now();
    try {
      // Entered through runPythonAsync, so that run_sync (input() above) can suspend; needs JSPI.
      let result;
      if (promiseInput) {
        runScope.set('program_text', String(message.code));
        result = await pyodide.runPythonAsync('run_program(program_text)', { globals: runScope });
      } else result = runProgram(String(message.code));
      if (result !== null && result !== undefined && typeof result !== 'string' && typeof result.then === 'function') {
        const coroutine = result;
        result = await coroutine;
        coroutine.destroy();
      }
      error = typeof result === 'string' ? result : null;
    } catch (e) {
      fatal = true;
      error = 'RuntimeError: the Python runtime failed: ' + (e && e.message ? e.message : String(e));
    }
    current.out.end();
    post({ type: 'done', id, error, fatal, elapsedMs: performance.now() - started });
    current = null;
  };

  self.onmessage = (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'init' && pyodide === null) {
      interruptBuffer = message.interruptBuffer || null;
      if (message.stdinBuffer) {
        stdinControl = new Int32Array(message.stdinBuffer, 0, 2);
        stdinData = new Uint8Array(message.stdinBuffer, 8);
      }
      load(String(message.base)).catch((e) => post({ type: 'failed', detail: String(e && e.message ? e.message : e) }));
    } else if (message.type === 'file' && pyodide === null) {
      receiveFile(message);
    } else if (message.type === 'run' && runProgram !== null && current === null) {
      run(message);
    } else if (message.type === 'input' && typeof message.line === 'string') {
      answerInput(message.line);
    }
  };
})();
`;
