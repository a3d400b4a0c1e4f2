/// Ruby (CRuby 3.4 compiled to WebAssembly) in a sandboxed frame: every run gets a fresh worker
/// with a fresh Ruby VM, which the frame started ahead of time from the interpreter it compiled
/// once (sandbox.frame.ts). The time limit and Stop remove the whole frame, which ends everything
/// in it, and a new frame warms up at once from the bytes the page already holds.

import { SandboxFrame } from '../sandbox-frame';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from '../types';
import type { FrameToPage, PageToFrame } from './messages';
import { rubyWasm } from './wasm-bytes';

interface Frame {
  /// Null until the frame's source (a chunk of its own, loaded with the first Ruby room) is here.
  sandbox: SandboxFrame | null;
  removed: boolean;
  /// Rejects if the frame could not load Ruby.
  ready: Promise<void>;
  failed: boolean;
  deliver(message: FrameToPage): void;
}

let nextRunId = 0;

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export class RubyRunner implements Runner {
  private frame: Frame;
  private current: { stop(reason: string): void } | null = null;
  private waiting: ((reason: string) => void) | null = null;
  private readonly listeners = new Set<(state: RunnerState, detail: string) => void>();
  private version = '';
  private disposed = false;

  constructor(private readonly base: string) {
    this.frame = this.prepare();
  }

  get ready(): Promise<void> {
    return this.frame.ready;
  }

  onState(listener: (state: RunnerState, detail: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run(code: string, options: RunOptions): Promise<RunResult> {
    if (this.current || this.waiting) return { output: '', error: 'Error: a Ruby run is already in progress' };
    const host = this.frame;
    const stopped = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    const early = await Promise.race([
      host.ready.then(
        () => null,
        (error: Error) => `Error: Ruby could not be loaded: ${error.message}`,
      ),
      stopped,
    ]);
    this.waiting = null;
    if (early !== null) {
      // A frame that failed to load is replaced, so that the next Run tries again.
      if (this.frame === host && host.failed) this.replace(host);
      return { output: '', error: early };
    }
    this.emit('busy', '');
    const id = `ruby-${++nextRunId}`;
    return new Promise<RunResult>((resolve) => {
      let output = '';
      let timer: number | undefined;
      const finish = (error: string | null, removeFrame: boolean): void => {
        window.clearTimeout(timer);
        host.deliver = () => undefined;
        if (removeFrame) this.replace(host);
        if (this.current === run) this.current = null;
        this.emit('ready', this.readyText());
        resolve({ output, error });
      };
      const run = { stop: (reason: string) => finish(reason, true) };
      this.current = run;
      host.deliver = (message) => {
        if (message.type === 'output' && message.id === id) {
          output += message.text;
          options.onOutput(message.text);
        } else if (message.type === 'done' && message.id === id) {
          finish(message.error, false);
        }
      };
      timer = window.setTimeout(() => run.stop(timeoutMessage(options.timeLimitMs)), options.timeLimitMs);
      this.post(host, { type: 'run', id, code, stdin: options.stdin });
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

  private readyText(): string {
    return this.version ? `Ruby ${this.version} ready` : '';
  }

  private post(frame: Frame, message: PageToFrame, transfer: Transferable[] = []): void {
    frame.sandbox?.post(message, transfer);
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
    const failed = (detail: string): void => {
      made.failed = true;
      settle.reject(new Error(detail));
      if (this.frame === made) this.emit('failed', detail);
    };
    const loading = !this.version;
    if (loading) this.emit('loading', '');
    // The download starts with the frame's code, not after it: the two overlap.
    let shown = 0;
    const progress = (bytes: number): void => {
      if (!loading || this.frame !== made || bytes - shown < 500_000) return;
      shown = bytes;
      this.emit('loading', megabytes(bytes));
    };
    const wasm = rubyWasm(this.base, progress);
    wasm.catch(() => undefined);
    const receive = (message: FrameToPage): void => {
      if (message.type === 'boot') {
        wasm.then(
          (bytes) => {
            // Each frame gets its own copy: a transferred buffer is gone from the page.
            const copy = bytes.slice(0);
            this.post(made, { type: 'wasm', bytes: copy }, [copy]);
          },
          (error: unknown) => failed(error instanceof Error ? error.message : String(error)),
        );
      } else if (message.type === 'hello') {
        this.version = message.version;
        settle.resolve();
        if (this.frame === made && !this.current) this.emit('ready', this.readyText());
      } else if (message.type === 'failed') {
        failed(message.detail);
      } else made.deliver(message);
    };
    import('./ruby-sandbox').then(
      ({ rubySrcdoc }) => {
        if (made.removed) return;
        made.sandbox = new SandboxFrame({
          srcdoc: rubySrcdoc(),
          isolated: false,
          onMessage: (message) => receive(message as FrameToPage),
        });
      },
      (error: unknown) => failed(`the Ruby runner could not load: ${String(error)}`),
    );
    return made;
  }

  private emit(state: RunnerState, detail: string): void {
    for (const listener of this.listeners) listener(state, detail);
  }
}
