/// JavaScript in a sandboxed frame: every run gets a fresh frame and worker; a warm frame waits
/// so Run starts at once. Time limit and Stop remove the frame, which ends everything in it.

import { jsSrcdoc } from './js-sandbox';
import { SandboxFrame, type FrameMessage } from './sandbox-frame';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from './types';

interface WarmFrame {
  frame: SandboxFrame;
  ready: Promise<void>;
  deliver(message: FrameMessage): void;
}

export class JsRunner implements Runner {
  private warm: WarmFrame;
  private current: { stop(reason: string): void } | null = null;
  private waiting: ((reason: string) => void) | null = null;
  private readonly listeners = new Set<(state: RunnerState, detail: string) => void>();

  constructor() {
    this.warm = this.prepare();
  }

  get ready(): Promise<void> {
    return this.warm.ready;
  }

  onState(listener: (state: RunnerState, detail: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run(code: string, options: RunOptions): Promise<RunResult> {
    if (this.current || this.waiting) return { output: '', error: 'Error: a JavaScript run is already in progress' };
    const taken = this.warm;
    this.warm = this.prepare();
    const stopped = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    const early = await Promise.race([taken.ready.then(() => null), stopped]);
    this.waiting = null;
    if (early !== null) {
      taken.frame.remove();
      return { output: '', error: early };
    }
    this.emit('busy');
    return new Promise<RunResult>((resolve) => {
      let output = '';
      let timer: number | undefined;
      const finish = (error: string | null): void => {
        window.clearTimeout(timer);
        taken.frame.remove();
        if (this.current === run) this.current = null;
        this.emit('ready');
        resolve({ output, error });
      };
      const run = { stop: finish };
      this.current = run;
      taken.deliver = (message) => {
        if (message.type === 'output' && typeof message.text === 'string') {
          output += message.text;
          options.onOutput(message.text);
        } else if (message.type === 'done') {
          finish(typeof message.error === 'string' ? message.error : null);
        }
      };
      timer = window.setTimeout(() => finish(timeoutMessage(options.timeLimitMs)), options.timeLimitMs);
      taken.frame.post({ type: 'run', code });
    });
  }

  stop(reason: string): void {
    if (this.current) this.current.stop(reason);
    else this.waiting?.(reason);
  }

  dispose(): void {
    this.stop('Stopped: the page was closed');
    this.warm.frame.remove();
  }

  private prepare(): WarmFrame {
    let markReady!: () => void;
    const warm: WarmFrame = {
      ready: new Promise<void>((resolve) => {
        markReady = resolve;
      }),
      deliver: () => undefined,
      frame: new SandboxFrame({
        srcdoc: jsSrcdoc(),
        isolated: false,
        onMessage: (message) => (message.type === 'hello' ? markReady() : warm.deliver(message)),
      }),
    };
    return warm;
  }

  private emit(state: RunnerState): void {
    for (const listener of this.listeners) listener(state, '');
  }
}
