/// The messages between the page, the JavaScript frame and its worker. Only the runner's own code
/// posts them: user code never holds a postMessage (the worker takes it before the program runs).

import type { ProgramSource } from './source-lines';

/// What one run is: the program, and for a compiled language where its lines came from.
export type RunProgram = {
  code: string;
  /// Null for JavaScript as written.
  source: ProgramSource | null;
  /// Runs the program as strict code (a compiled ES module is).
  strict: boolean;
  /// Lines `readline()` and `prompt()` return, or null to define neither.
  stdin: readonly string[] | null;
};

export type PageToFrame = { type: 'run'; id: string } & RunProgram;

export type FrameToPage =
  | { type: 'hello' }
  | { type: 'failed'; detail: string }
  | { type: 'output'; id: string; text: string }
  | { type: 'done'; id: string; error: string | null };

export type FrameToWorker = { type: 'run' } & RunProgram;

export type WorkerToFrame =
  | { type: 'hello' }
  | { type: 'output'; text: string }
  | { type: 'syntax-error'; message: string }
  | { type: 'done'; error: string | null };
