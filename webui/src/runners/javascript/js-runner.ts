/// JavaScript in a sandboxed frame: every run gets a fresh worker (a fresh realm) that the frame
/// started ahead of time. The time limit and Stop remove the whole frame, which ends everything
/// in it, and a new frame (with its worker) is made at once.

import { WorkerStartError } from '../isolation';
import { SandboxFrame, type FrameMessage } from '../sandbox-frame';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from '../types';
import type { PageToFrame, RunProgram } from './messages';
import { jsSrcdoc } from './sandbox';

interface Frame {
  frame: SandboxFrame;
  /// Rejects if the frame's first worker could not start.
  ready: Promise<void>;
  failed: boolean;
  deliver(message: FrameMessage): void;
}

let nextRunId = 0;

/// The lines a program's `readline()` returns: the text's lines, without a last empty one.
export function stdinLines(stdin: string): string[] {
  return stdin === '' ? [] : stdin.replace(/\n$/, '').split('\n');
}

export class JsRunner implements Runner {
  private frame: Frame;
  private current: { stop(reason: string): void } | null = null;
  private waiting: ((reason: string) => void) | null = null;
  private readonly listeners = new Set<(state: RunnerState, detail: string) => void>();

  constructor() {
    this.frame = this.prepare();
  }

  get ready(): Promise<void> {
    return this.frame.ready;
  }

  onState(listener: (state: RunnerState, detail: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /// The stdin box feeds `readline()` / `prompt()`, line by line, then null.
  run(code: string, options: RunOptions): Promise<RunResult> {
    return this.runProgram({ code, source: null, strict: false, stdin: stdinLines(options.stdin) }, options);
  }

  /// Runs a program another language made (TypeScript's compiled module, with its source map).
  async runProgram(program: RunProgram, options: RunOptions): Promise<RunResult> {
    if (this.current || this.waiting) return { output: '', error: 'Error: a JavaScript run is already in progress' };
    const host = this.frame;
    const stopped = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    const early = await Promise.race([
      host.ready.then(
        () => null,
        (error: Error) => `Error: JavaScript cannot run here: ${error.message}`,
      ),
      stopped,
    ]);
    this.waiting = null;
    if (early !== null) {
      // A frame that failed to start is replaced, so that the next Run tries again.
      if (this.frame === host && host.failed) this.replace(host);
      return { output: '', error: early };
    }
    this.emit('busy');
    const id = `js-${++nextRunId}`;
    return new Promise<RunResult>((resolve) => {
      let output = '';
      let timer: number | undefined;
      const finish = (error: string | null, removeFrame: boolean): void => {
        window.clearTimeout(timer);
        host.deliver = () => undefined;
        if (removeFrame) this.replace(host);
        if (this.current === run) this.current = null;
        this.emit('ready');
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
      const message: PageToFrame = { type: 'run', id, ...program };
      host.frame.post(message);
    });
  }

  stop(reason: string): void {
    if (this.current) this.current.stop(reason);
    else this.waiting?.(reason);
  }

  dispose(): void {
    this.stop('Stopped: the page was closed');
    this.frame.frame.remove();
  }

  /// Removing the frame ends its workers whatever they do; the new frame warms up at once.
  private replace(old: Frame): void {
    old.frame.remove();
    if (this.frame === old) this.frame = this.prepare();
  }

  private prepare(): Frame {
    let settle!: { resolve: () => void; reject: (error: Error) => void };
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    ready.catch(() => undefined);
    const made: Frame = {
      ready,
      failed: false,
      deliver: () => undefined,
      frame: new SandboxFrame({
        srcdoc: jsSrcdoc(),
        isolated: false,
        onMessage: (message) => {
          if (message.type === 'hello') settle.resolve();
          else if (message.type === 'failed') {
            made.failed = true;
            settle.reject(new WorkerStartError(String(message.detail)));
          } else made.deliver(message);
        },
      }),
    };
    return made;
  }

  private emit(state: RunnerState): void {
    for (const listener of this.listeners) listener(state, '');
  }
}
