/// One Python interpreter: a sandboxed frame with one worker inside, from loading to removal.

import { WorkerStartError } from '../isolation';
import { fetchPageFiles, sendPageFiles, snapshotSource } from './files';
import { pythonSrcdoc } from './sandbox';
import { readStartup, showStartup, type PythonStartup } from './startup';
import { SandboxFrame, type FrameMessage } from '../sandbox-frame';

export interface SlotRunHandlers {
  onOutput(text: string): void;
  onInputRequest(): void;
  onDone(error: string | null, fatal: boolean, elapsedMs: number | null): void;
}

let nextRunId = 0;

export class PythonSlot {
  readonly ready: Promise<void>;
  /// True once loaded in a cross-origin isolated frame: Stop can interrupt instead of terminating.
  interrupts = false;
  stdinInteractive = false;
  version = '';
  loaded = false;
  /// How this interpreter started and where the time went (null until ready).
  startup: PythonStartup | null = null;
  private readonly createdAt = performance.now();
  private readonly fetchedByPage: Record<string, number> = {};
  private readonly frame: SandboxFrame;
  private run: { id: string; handlers: SlotRunHandlers } | null = null;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private dead = false;

  /// With `onSnapshot`, the frame makes this engine's own snapshot, hands it over and never gets
  /// ready (python.worker.ts); the runner then ends it.
  constructor(
    base: string,
    allowIsolation: boolean,
    private readonly onProgress: (detail: string) => void,
    private readonly onSnapshot: ((bytes: ArrayBuffer) => void) | null = null,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.ready.catch(() => undefined);
    const makeSnapshot = onSnapshot !== null;
    const source = makeSnapshot ? 'none' : snapshotSource(base, allowIsolation);
    const files = fetchPageFiles(base, source);
    this.frame = new SandboxFrame({
      srcdoc: pythonSrcdoc(base, { makeSnapshot, localSnapshot: source === 'local' }),
      isolated: allowIsolation,
      onMessage: (message) => {
        // The frame's script runs (it could not receive anything before): hand it the files.
        if (message.type === 'hello') {
          sendPageFiles(files, (name, bytes) => {
            this.fetchedByPage[name] = Math.round((performance.now() - this.createdAt) * 10) / 10;
            this.frame.post({ type: 'file', name, bytes }, bytes ? [bytes] : []);
          });
        }
        this.receive(message);
      },
    });
  }

  get busy(): boolean {
    return this.run !== null;
  }

  get alive(): boolean {
    return !this.dead;
  }

  start(code: string, stdin: string, handlers: SlotRunHandlers): void {
    const id = `run-${++nextRunId}`;
    this.run = { id, handlers };
    this.frame.post({ type: 'run', id, code, stdin });
  }

  interrupt(): void {
    this.frame.post({ type: 'interrupt' });
  }

  provideInput(line: string): void {
    this.frame.post({ type: 'input', line });
  }

  /// Ends the interpreter at once, whatever it is doing.
  kill(): void {
    this.dead = true;
    this.run = null;
    this.frame.remove();
    this.settle.reject(new Error('the Python runner was replaced'));
  }

  private receive(message: FrameMessage): void {
    const run = this.run;
    switch (message.type) {
      case 'snapshot':
        if (message.bytes instanceof ArrayBuffer) this.onSnapshot?.(message.bytes);
        break;
      case 'progress':
        this.onProgress(String(message.detail));
        break;
      case 'ready':
        this.interrupts = message.interrupts === true;
        this.stdinInteractive = message.stdinInteractive === true;
        this.version = String(message.version);
        this.startup = readStartup(message.startup, this.createdAt, this.fetchedByPage);
        showStartup(this.frame.element, this.startup);
        this.loaded = true;
        this.settle.resolve();
        break;
      case 'failed':
        this.dead = true;
        this.settle.reject(message.starting === true ? new WorkerStartError(String(message.detail)) : new Error(String(message.detail)));
        if (run) {
          this.run = null;
          run.handlers.onDone(`RuntimeError: the Python runtime failed: ${String(message.detail)}`, true, null);
        }
        break;
      case 'output':
        if (run && message.id === run.id && typeof message.text === 'string') run.handlers.onOutput(message.text);
        break;
      case 'input-request':
        if (run && message.id === run.id) run.handlers.onInputRequest();
        break;
      case 'done':
        if (run && message.id === run.id) {
          this.run = null;
          const error = typeof message.error === 'string' ? message.error : null;
          const elapsed = typeof message.elapsedMs === 'number' ? message.elapsedMs : null;
          if (message.fatal === true) this.dead = true;
          run.handlers.onDone(error, message.fatal === true, elapsed);
        }
        break;
    }
  }
}
