/// The messages between the page, the Ruby frame and its workers. Only the runner's own code posts
/// them: user code never holds a postMessage (each worker takes it before any Ruby runs).

export type RunProgram = {
  code: string;
  /// The whole standard input (`gets`, `STDIN.read`); empty means none.
  stdin: string;
};

export type PageToFrame = { type: 'wasm'; bytes: ArrayBuffer | null } | ({ type: 'run'; id: string } & RunProgram);

export type FrameToPage =
  /// The frame's script runs: it asks for the interpreter's bytes.
  | { type: 'boot' }
  /// A Ruby VM waits for the first run.
  | { type: 'hello'; version: string }
  | { type: 'failed'; detail: string }
  | { type: 'output'; id: string; text: string }
  | { type: 'done'; id: string; error: string | null };

export type FrameToWorker = { type: 'start'; module: WebAssembly.Module } | ({ type: 'run' } & RunProgram);

export type WorkerToFrame =
  | { type: 'ready'; version: string }
  | { type: 'failed'; detail: string }
  | { type: 'output'; text: string }
  | { type: 'done'; error: string | null };
