/// SQLite (sql.js) in a sandboxed frame: every run gets a fresh worker with a fresh in-memory
/// database, which the frame loaded ahead of time (sql.frame.ts). The time limit and Stop remove
/// the whole frame, which ends everything in it, and a new frame warms up at once.

import { SandboxFrame, type FrameMessage } from '../sandbox-frame';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from '../types';
import { runtimeFiles } from './runtime-files';

interface Frame {
  /// Null until the frame's code (a chunk of its own, loaded with the first SQL room) is here.
  frame: SandboxFrame | null;
  removed: boolean;
  /// Rejects if the frame could not load SQLite.
  ready: Promise<void>;
  failed: boolean;
  deliver(message: FrameMessage): void;
}

let nextRunId = 0;

export class SqlRunner implements Runner {
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
    if (this.current || this.waiting) return { output: '', error: 'Error: an SQL run is already in progress' };
    const host = this.frame;
    const stopped = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    const early = await Promise.race([
      host.ready.then(
        () => null,
        (error: Error) => `Error: SQLite could not be loaded: ${error.message}`,
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
    const id = `sql-${++nextRunId}`;
    return new Promise<RunResult>((resolve) => {
      let output = '';
      let timer: number | undefined;
      const finish = (error: string | null, removeFrame: boolean): void => {
        window.clearTimeout(timer);
        host.deliver = () => undefined;
        if (removeFrame) this.replace(host);
        if (this.current === run) this.current = null;
        this.emit('ready', this.version);
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
      // SQL reads no standard input: what the stdin box (or a test) gives is SQL run after the
      // schema and data, before the code, such as a test's own rows.
      host.frame?.post({ type: 'run', id, code, setup: options.setup ?? '', input: options.stdin });
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
    frame.frame?.remove();
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
    const failed = (detail: string): void => {
      made.failed = true;
      settle.reject(new Error(detail));
      if (this.frame === made) this.emit('failed', detail);
    };
    if (!this.version) this.emit('loading', 'Downloading SQLite');
    const made: Frame = { ready, failed: false, removed: false, deliver: () => undefined, frame: null };
    const receive = (message: FrameMessage): void => {
      if (message.type === 'hello') {
        runtimeFiles(this.base).then(
          (files) => {
            // Each frame gets its own copy: a transferred buffer is gone from the page.
            const wasm = files.wasm.slice(0);
            made.frame?.post({ type: 'runtime', script: files.script, wasm }, [wasm]);
          },
          (error: unknown) => failed(error instanceof Error ? error.message : String(error)),
        );
      } else if (message.type === 'ready') {
        this.version = String(message.version);
        settle.resolve();
        if (this.frame === made && !this.current) this.emit('ready', this.version);
      } else if (message.type === 'failed') {
        failed(String(message.detail));
      } else made.deliver(message);
    };
    import('./sql-sandbox').then(
      ({ sqlSrcdoc }) => {
        if (made.removed) return;
        made.frame = new SandboxFrame({ srcdoc: sqlSrcdoc(), isolated: false, onMessage: receive });
      },
      (error: unknown) => failed(`the SQL runner could not load: ${String(error)}`),
    );
    return made;
  }

  private emit(state: RunnerState, detail: string): void {
    for (const listener of this.listeners) listener(state, detail);
  }
}
