/// Python in Pyodide: one interpreter in use, and where Stop has to terminate, a warm spare.
///
/// On a cross-origin isolated page Stop writes the interrupt flag (KeyboardInterrupt within
/// milliseconds, the interpreter survives), re-sent every 100 ms because a few get lost, and
/// removes the frame after 1.5 s if the program swallows them. Without isolation (plain HTTP over
/// the LAN, WebKit) Stop removes the whole frame, which ends its worker in every engine (WebKit
/// does not stop a busy WebAssembly loop on `worker.terminate()`), and the spare, loaded as soon
/// as the interpreter in use was ready, takes over at once; a new spare starts loading a second
/// later, so that the run that usually follows Stop does not share two cores with a start-up.

import { keepLocalSnapshot, localSnapshotNeeded, snapshotSource } from './files';
import { PythonSlot } from './slot';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from '../types';

const INTERRUPT_RESEND_MS = 100;
const INTERRUPT_GIVE_UP_MS = 1500;
const NEXT_SPARE_DELAY_MS = 1000;
/// A spare that starts from a snapshot costs a fraction of that (about 0.3 s of one core).
const NEXT_SNAPSHOT_SPARE_DELAY_MS = 200;
/// A frame making a snapshot that has not finished by then is ended and a normal spare started.
const MAKER_GIVE_UP_MS = 30_000;

interface ActiveRun {
  slot: PythonSlot;
  output: string;
  stopReason: string | null;
  timer: number | undefined;
  deadline: number;
  remainingMs: number;
  resend: number | undefined;
  resume(): void;
  finish(result: RunResult): void;
}

export interface PythonRunnerOptions {
  base: string;
  /// False simulates a page without SharedArrayBuffer (the LAN case) on an isolated page.
  allowIsolation: boolean;
}

export class PythonRunner implements Runner {
  private active: PythonSlot;
  private spare: PythonSlot | null = null;
  private spareTimer: number | undefined;
  /// The frame making this engine's own snapshot (where input() waits on a promise), once.
  private maker: PythonSlot | null = null;
  private makerTried = false;
  /// Set when a spare took over: its own spare then waits NEXT_SPARE_DELAY_MS.
  private replaced = false;
  private current: ActiveRun | null = null;
  private waiting: ((reason: string) => void) | null = null;
  private readonly listeners = new Set<(state: RunnerState, detail: string) => void>();
  private disposed = false;

  constructor(private readonly options: PythonRunnerOptions) {
    this.active = this.newSlot();
    this.watch(this.active);
  }

  get ready(): Promise<void> {
    return this.active.ready;
  }

  /// What a run on this page can do, for the panel and the benchmark.
  get capabilities(): { interrupts: boolean; interactiveInput: boolean; version: string } {
    return { interrupts: this.active.interrupts, interactiveInput: this.active.stdinInteractive, version: this.active.version };
  }

  onState(listener: (state: RunnerState, detail: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run(code: string, options: RunOptions): Promise<RunResult> {
    if (this.current || this.waiting) return { output: '', error: 'RuntimeError: a Python run is already in progress' };
    // Stop while Python is still loading ends the run at once.
    const stopped = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    let slot: PythonSlot | string;
    try {
      slot = await Promise.race([this.readySlot(), stopped]);
    } catch (error) {
      return { output: '', error: `RuntimeError: Python could not be loaded: ${(error as Error).message}` };
    } finally {
      this.waiting = null;
    }
    if (typeof slot === 'string') return { output: '', error: slot };
    const ready = slot;
    return new Promise<RunResult>((resolve) => {
      const run: ActiveRun = {
        slot: ready,
        output: '',
        stopReason: null,
        timer: undefined,
        deadline: 0,
        remainingMs: options.timeLimitMs,
        resend: undefined,
        resume: () => arm(run.remainingMs),
        finish: (result) => {
          window.clearTimeout(run.timer);
          window.clearInterval(run.resend);
          if (this.current === run) this.current = null;
          if (this.active.loaded) this.emit('ready', this.active.version);
          resolve(result);
        },
      };
      function arm(ms: number): void {
        run.deadline = performance.now() + ms;
        run.timer = window.setTimeout(() => stop(timeoutMessage(options.timeLimitMs)), ms);
      }
      const stop = (reason: string): void => this.stop(reason);
      this.current = run;
      this.emit('busy', '');
      ready.start(code, options.stdin, {
        onOutput: (text) => {
          run.output += text;
          options.onOutput(text);
        },
        onInputRequest: () => {
          // Waiting for a person does not count against the time limit.
          window.clearTimeout(run.timer);
          run.remainingMs = Math.max(0, run.deadline - performance.now());
          options.onInputRequest?.();
        },
        onDone: (error, fatal) => {
          // A program that ran out of memory keeps its huge heap: start afresh.
          if (fatal || (error !== null && /^MemoryError\b/m.test(error))) this.replace(ready);
          run.finish({ output: run.output, error: run.stopReason ?? error });
        },
      });
      arm(options.timeLimitMs);
    });
  }

  provideInput(line: string): void {
    const run = this.current;
    if (!run) return;
    run.slot.provideInput(line);
    run.resume();
  }

  stop(reason: string): void {
    const run = this.current;
    if (!run) {
      this.waiting?.(reason);
      return;
    }
    if (run.stopReason !== null) return;
    run.stopReason = reason;
    window.clearTimeout(run.timer);
    if (!run.slot.interrupts) {
      this.terminate(run);
      return;
    }
    const since = performance.now();
    run.slot.interrupt();
    run.resend = window.setInterval(() => {
      if (performance.now() - since >= INTERRUPT_GIVE_UP_MS) this.terminate(run);
      else run.slot.interrupt();
    }, INTERRUPT_RESEND_MS);
  }

  dispose(): void {
    this.disposed = true;
    this.current?.finish({ output: this.current.output, error: 'Stopped: the page was closed' });
    this.active.kill();
    window.clearTimeout(this.spareTimer);
    this.spare?.kill();
    this.maker?.kill();
  }

  private terminate(run: ActiveRun): void {
    this.replace(run.slot);
    run.finish({ output: run.output, error: run.stopReason });
  }

  /// Retires a slot; the warm spare (if any) takes its place and a new spare starts loading.
  private replace(slot: PythonSlot): void {
    slot.kill();
    if (this.disposed || slot !== this.active) return;
    this.active = this.spare?.alive ? this.spare : this.newSlot();
    this.spare = null;
    this.replaced = true;
    this.watch(this.active);
    if (!this.active.loaded) this.emit('loading', 'Starting Python');
  }

  private async readySlot(): Promise<PythonSlot> {
    if (!this.active.alive) this.replace(this.active);
    await this.active.ready;
    return this.active;
  }

  /// Reports a slot's loading, then keeps a spare warm where Stop must terminate.
  private watch(slot: PythonSlot): void {
    slot.ready.then(
      () => {
        if (slot !== this.active || this.disposed) return;
        if (!this.current) this.emit('ready', slot.version);
        // Stop must be ready to hand over at any moment: the next run starts within a second
        // only if the spare is loaded by then.
        if (slot.interrupts || this.spare) return;
        window.clearTimeout(this.spareTimer);
        if (this.makeLocalSnapshot()) return;
        const fromSnapshot = snapshotSource(this.options.base, this.options.allowIsolation) !== 'none';
        const delay = this.replaced ? (fromSnapshot ? NEXT_SNAPSHOT_SPARE_DELAY_MS : NEXT_SPARE_DELAY_MS) : 0;
        this.spareTimer = window.setTimeout(() => {
          if (!this.disposed && slot === this.active && !this.spare) this.spare = this.newSlot();
        }, delay);
      },
      (error: Error) => {
        if (slot === this.active && slot.alive === false && !this.disposed) this.emit('failed', error.message);
      },
    );
  }

  /// Where input() waits on a promise, the first spare's place goes to a frame that makes this
  /// engine's own snapshot; the spare then starts from it, as every later one does. Any failure
  /// leaves normal starts, as before. True while that frame works.
  private makeLocalSnapshot(): boolean {
    const { base, allowIsolation } = this.options;
    if (this.makerTried || !localSnapshotNeeded(base, allowIsolation)) return false;
    this.makerTried = true;
    let made = false;
    const spareAfter = (): void => {
      if (this.maker !== maker) return;
      this.maker = null;
      maker.kill();
      if (!this.disposed && !this.spare && this.active.alive) this.spare = this.newSlot();
    };
    const maker: PythonSlot = new PythonSlot(base, allowIsolation, () => undefined, (bytes) => {
      made = true;
      keepLocalSnapshot(base, bytes);
      spareAfter();
    });
    maker.ready.catch(() => {
      if (!made) spareAfter();
    });
    window.setTimeout(() => {
      if (!made) spareAfter();
    }, MAKER_GIVE_UP_MS);
    this.maker = maker;
    return true;
  }

  private newSlot(): PythonSlot {
    const slot: PythonSlot = new PythonSlot(this.options.base, this.options.allowIsolation, (detail) => {
      if (slot === this.active && !this.current) this.emit('loading', detail);
    });
    return slot;
  }

  private emit(state: RunnerState, detail: string): void {
    for (const listener of this.listeners) listener(state, detail);
  }
}
