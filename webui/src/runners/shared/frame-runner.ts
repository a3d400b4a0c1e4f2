/// The page side of a runner whose runs happen in one sandboxed frame at a time (JavaScript, SQL,
/// Ruby): the frame warms up ahead of the first run, a run waits for it (or for Stop), and the time
/// limit and Stop remove the whole frame, which ends everything in it, while a new one warms up at
/// once. What differs between languages (the frame's code, what it is sent when its script runs,
/// the run message, the texts) is a `FrameLanguage`.

import { SandboxFrame, type FrameMessage } from '../sandbox-frame';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from '../types';
import { StateListeners, type StateListener } from './state-listeners';

/// What a language's hooks may do with the frame they were made for.
export interface FrameControl {
  /// Posts to the frame (nothing before its code is here or after it is removed).
  post(message: FrameMessage, transfer?: Transferable[]): void;
  /// The frame can take runs.
  ready(): void;
  /// The frame could not start: `ready` rejects with `error` (and, where the language says so, the
  /// runner reports 'failed' while it is its frame); the next Run makes a new frame.
  fail(error: Error): void;
  /// Still the runner's frame (not replaced or removed).
  readonly current: boolean;
  /// The runner's frame, with no run going on.
  readonly idle: boolean;
  emit(state: RunnerState, detail: string): void;
}

export interface FrameLanguage {
  /// The run's error while another run goes on, e.g. "Error: a Ruby run is already in progress".
  busy: string;
  /// Before why the frame could not start, e.g. "Error: Ruby could not be loaded: ".
  cannotRun: string;
  /// Run ids are `${idPrefix}-N`.
  idPrefix: string;
  /// The frame's srcdoc, or a promise of it (a chunk of its own, loaded with the first room).
  srcdoc(): string | Promise<string>;
  /// Why the srcdoc's chunk could not be loaded (only where `srcdoc` gives a promise).
  srcdocFailed?(error: unknown): string;
  /// Whether a frame that could not start reports the 'failed' state.
  announceFailures: boolean;
  /// Called as each frame is made, before its code runs; gives the handler for the frame's
  /// messages other than a run's `output` and `done` (hello, ready, failed…).
  start(frame: FrameControl): (message: FrameMessage) => void;
  /// The message that runs `code`.
  runMessage(id: string, code: string, options: RunOptions): FrameMessage;
  /// The detail of the 'ready' state after a run.
  readyDetail(): string;
}

interface Frame {
  /// Null until the frame's code is here.
  sandbox: SandboxFrame | null;
  removed: boolean;
  /// Rejects if the frame could not start.
  ready: Promise<void>;
  failed: boolean;
  deliver(message: FrameMessage): void;
}

let nextRunId = 0;

export class FrameRunner implements Runner {
  private frame: Frame;
  private current: { stop(reason: string): void } | null = null;
  private waiting: ((reason: string) => void) | null = null;
  private readonly listeners = new StateListeners();
  private disposed = false;

  constructor(private readonly language: FrameLanguage) {
    this.frame = this.prepare();
  }

  get ready(): Promise<void> {
    return this.frame.ready;
  }

  onState(listener: StateListener): () => void {
    return this.listeners.add(listener);
  }

  run(code: string, options: RunOptions): Promise<RunResult> {
    return this.start(options, (id) => this.language.runMessage(id, code, options));
  }

  /// Runs what `message` posts once the frame is ready, under the time limit and Stop.
  protected async start(options: RunOptions, message: (id: string) => FrameMessage): Promise<RunResult> {
    if (this.current || this.waiting) return { output: '', error: this.language.busy };
    const host = this.frame;
    const stopped = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    const early = await Promise.race([
      host.ready.then(
        () => null,
        (error: Error) => this.language.cannotRun + error.message,
      ),
      stopped,
    ]);
    this.waiting = null;
    if (early !== null) {
      // A frame that failed to start is replaced, so that the next Run tries again.
      if (this.frame === host && host.failed) this.replace(host);
      return { output: '', error: early };
    }
    this.emit('busy', '');
    const id = `${this.language.idPrefix}-${++nextRunId}`;
    return new Promise<RunResult>((resolve) => {
      let output = '';
      let timer: number | undefined;
      const finish = (error: string | null, removeFrame: boolean): void => {
        window.clearTimeout(timer);
        host.deliver = () => undefined;
        if (removeFrame) this.replace(host);
        if (this.current === run) this.current = null;
        this.emit('ready', this.language.readyDetail());
        resolve({ output, error });
      };
      const run = { stop: (reason: string) => finish(reason, true) };
      this.current = run;
      host.deliver = (message) => {
        if (message.id !== id) return;
        if (message.type === 'output' && typeof message.text === 'string') {
          output += message.text;
          options.onOutput(message.text);
        } else if (message.type === 'done') {
          finish(typeof message.error === 'string' ? message.error : null, false);
        }
      };
      timer = window.setTimeout(() => run.stop(timeoutMessage(options.timeLimitMs)), options.timeLimitMs);
      host.sandbox?.post(message(id));
    });
  }

  stop(reason: string): void {
    if (this.current) this.current.stop(reason);
    else this.waiting?.(reason);
  }

  dispose(): void {
    this.stop('Stopped: the page was closed');
    this.disposed = true;
    this.remove(this.frame);
  }

  private remove(frame: Frame): void {
    frame.removed = true;
    frame.sandbox?.remove();
  }

  /// Removing the frame ends its workers whatever they do; the new frame warms up at once.
  private replace(old: Frame): void {
    this.remove(old);
    if (this.frame === old && !this.disposed) this.frame = this.prepare();
  }

  private prepare(): Frame {
    let settle!: { resolve: () => void; reject: (error: Error) => void };
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    ready.catch(() => undefined);
    const made: Frame = { sandbox: null, removed: false, ready, failed: false, deliver: () => undefined };
    const runner = this;
    const control: FrameControl = {
      post: (message, transfer) => made.sandbox?.post(message, transfer),
      ready: () => settle.resolve(),
      fail: (error) => {
        made.failed = true;
        settle.reject(error);
        if (this.language.announceFailures && this.frame === made) this.emit('failed', error.message);
      },
      get current() {
        return runner.frame === made;
      },
      get idle() {
        return runner.frame === made && !runner.current;
      },
      emit: (state, detail) => this.emit(state, detail),
    };
    const receive = this.language.start(control);
    const open = (srcdoc: string): void => {
      if (made.removed) return;
      made.sandbox = new SandboxFrame({
        srcdoc,
        isolated: false,
        onMessage: (message) => {
          if (message.type === 'output' || message.type === 'done') made.deliver(message);
          else receive(message);
        },
      });
    };
    const srcdoc = this.language.srcdoc();
    if (typeof srcdoc === 'string') open(srcdoc);
    else srcdoc.then(open, (error: unknown) => control.fail(new Error(this.language.srcdocFailed?.(error) ?? String(error))));
    return made;
  }

  private emit(state: RunnerState, detail: string): void {
    this.listeners.emit(state, detail);
  }
}
