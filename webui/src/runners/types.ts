/// What the run panel needs from a language runner, whatever sandbox sits behind it.

export interface RunOptions {
  /// Text fed to the program's standard input, line by line; empty means none.
  stdin: string;
  /// Wall-clock limit for the program itself (loading the runtime does not count).
  timeLimitMs: number;
  /// Output as it is produced, stdout and stderr interleaved in order.
  onOutput(text: string): void;
  /// The program waits for a line typed by the person (Python `input()` on an isolated page).
  onInputRequest?(): void;
  /// The question's schema and data (SQL): run first, in the same fresh database, its own
  /// results not shown. Languages without a database ignore it.
  setup?: string;
}

/// Exactly the `execution-result` shape: `error` is null on success.
export interface RunResult {
  output: string;
  error: string | null;
}

export type RunnerState = 'loading' | 'ready' | 'busy' | 'failed';

export interface Runner {
  /// Resolves once the first run can start without waiting for the runtime to load.
  readonly ready: Promise<void>;
  run(code: string, options: RunOptions): Promise<RunResult>;
  /// Ends the current run; its result's error becomes `reason` (e.g. "Stopped: stopped by Alice").
  stop(reason: string): void;
  /// Answers a pending `onInputRequest` with one line.
  provideInput?(line: string): void;
  /// Reports loading progress and state changes, e.g. for a progress indicator.
  onState(listener: (state: RunnerState, detail: string) => void): () => void;
  dispose(): void;
}

/// Error-text prefixes the panel derives a run's status from (the relay stores only the text).
export const TIMEOUT_PREFIX = 'TimeoutError:';
export const STOPPED_PREFIX = 'Stopped:';

export function timeoutMessage(limitMs: number): string {
  const seconds = Math.round(limitMs / 100) / 10;
  return `${TIMEOUT_PREFIX} stopped after ${seconds} s`;
}
