/// TypeScript: compiled in the browser by the TypeScript compiler (its own long-lived sandboxed
/// frame, compiler.ts), then run as JavaScript in the JavaScript sandbox (a fresh worker per run,
/// the same rules), like `ts-node --transpile-only` plus a type check.
///
/// What a run shows:
/// - syntax errors: tsc's lines are the run's error and nothing runs (no program to run);
/// - type errors: tsc's lines (`main.ts(3,7): error TS2322: …`) come first in the output, as a
///   terminal running `tsc --noEmit; node` shows them; the program still runs and the run's status
///   and error are the program's own, so a test of behaviour judges the behaviour;
/// - runtime errors: the JavaScript error, its stack frames named `main.ts:LINE:COL` through the
///   compiler's source map.
/// The stdin box feeds `readline()` / `prompt()` (stdin tests too), line by line, then null.
/// Loading does not count against the time limit; compiling and running each get the whole limit.

import { JsRunner, stdinLines } from '../javascript/js-runner';
import { StateListeners, type StateListener } from '../shared/state-listeners';
import { timeoutMessage, type RunOptions, type RunResult, type Runner, type RunnerState } from '../types';
import { Compiler } from './compiler';
import type { Compiled } from './compiler-messages';

type Phase = { kind: 'idle' } | { kind: 'compiling'; stop(reason: string): void } | { kind: 'running' };

export class TsRunner implements Runner {
  private compiler: Compiler;
  private readonly program = new JsRunner();
  private phase: Phase = { kind: 'idle' };
  private version = '';
  /// The compiler whose `ready` resolved (the current one, unless it is being replaced).
  private loaded: Compiler | null = null;
  private readonly listeners = new StateListeners();

  constructor(private readonly base: string) {
    this.compiler = this.load();
  }

  get ready(): Promise<void> {
    return Promise.all([this.compiler.ready, this.program.ready]).then(() => undefined);
  }

  onState(listener: StateListener): () => void {
    return this.listeners.add(listener);
  }

  async run(code: string, options: RunOptions): Promise<RunResult> {
    if (this.phase.kind !== 'idle') return { output: '', error: 'Error: a TypeScript run is already in progress' };
    const compiler = this.compiler;
    const ended = new Promise<string>((resolve) => {
      this.phase = { kind: 'compiling', stop: resolve };
    });
    try {
      const loaded = await Promise.race([
        compiler.ready.then(
          () => null,
          (error: Error) => `Error: TypeScript cannot run here: ${error.message}`,
        ),
        ended,
      ]);
      if (loaded !== null) {
        // A compiler that failed to load is replaced, so that the next Run tries again.
        if (loaded.startsWith('Error:')) this.replace(compiler);
        return { output: '', error: loaded };
      }
      this.emit('busy', '');
      let timer: number | undefined;
      const limit = new Promise<string>((resolve) => {
        timer = window.setTimeout(() => resolve(timeoutMessage(options.timeLimitMs)), options.timeLimitMs);
      });
      const compiled: Compiled | string = await Promise.race([compiler.compile(code), ended, limit]);
      window.clearTimeout(timer);
      if (typeof compiled === 'string') {
        // A compile that never ends (or a Stop) takes the compiler's worker with it.
        this.replace(compiler);
        return { output: '', error: compiled };
      }
      if (compiled.syntaxErrors !== null) return { output: '', error: compiled.syntaxErrors.trimEnd() };
      if (compiled.typeErrors) options.onOutput(compiled.typeErrors);
      this.phase = { kind: 'running' };
      const result = await this.program.runProgram(
        { code: compiled.code, source: { file: 'main.ts', lines: compiled.lines }, strict: true, stdin: stdinLines(options.stdin) },
        options,
      );
      return { output: compiled.typeErrors + result.output, error: result.error };
    } finally {
      this.phase = { kind: 'idle' };
      if (this.loaded === this.compiler) this.emit('ready', this.version);
      else this.emit('loading', 'starting the compiler again');
    }
  }

  stop(reason: string): void {
    if (this.phase.kind === 'compiling') this.phase.stop(reason);
    else if (this.phase.kind === 'running') this.program.stop(reason);
  }

  dispose(): void {
    this.stop('Stopped: the page was closed');
    this.compiler.remove();
    this.program.dispose();
  }

  private load(): Compiler {
    const compiler = new Compiler(this.base, (detail) => {
      if (this.compiler === compiler && this.phase.kind === 'idle') this.emit('loading', detail);
    });
    compiler.ready.then(
      (version) => {
        this.version = `TypeScript ${version}`;
        this.loaded = compiler;
        if (this.compiler === compiler && this.phase.kind === 'idle') this.emit('ready', this.version);
      },
      (error: Error) => {
        if (this.compiler === compiler) this.emit('failed', error.message);
      },
    );
    return compiler;
  }

  private replace(old: Compiler): void {
    old.remove();
    if (this.compiler === old) this.compiler = this.load();
  }

  private emit(state: RunnerState, detail: string): void {
    this.listeners.emit(state, detail);
  }
}
