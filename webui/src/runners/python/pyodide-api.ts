/// The part of Pyodide 0.27.8's API the runner uses, typed here rather than taken from the
/// package (the worker loads Pyodide at run time from its base URL; nothing of it is bundled).
/// `_loadSnapshot` and `makeMemorySnapshot` are private API of exactly that build.

/// A Python object seen from JavaScript; only the calls the runner makes.
export interface PyProxy {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  destroy(): void;
}

export interface PyodideStream {
  write(bytes: Uint8Array): number;
  isatty: boolean;
}

export interface PyodideInput {
  read(buffer: Uint8Array): number;
  isatty: boolean;
}

export interface PyodideApi {
  readonly version: string;
  setStdout(stream: PyodideStream): void;
  setStderr(stream: PyodideStream): void;
  setStdin(stream: PyodideInput): void;
  setInterruptBuffer(buffer: Uint8Array): void;
  toPy(value: object): PyProxy;
  runPython(code: string, options?: { globals?: PyProxy }): unknown;
  runPythonAsync(code: string, options?: { globals?: PyProxy }): Promise<unknown>;
  makeMemorySnapshot?(): Uint8Array;
  /// Emscripten's file system (the standard library's zip is a file in it).
  readonly FS: { writeFile(path: string, data: Uint8Array): void };
}

export interface LoadPyodideOptions {
  indexURL: string;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  _loadSnapshot?: ArrayBuffer | Uint8Array;
  _makeSnapshot?: boolean;
}

/// What `pyodide.mjs` exports.
export interface PyodideModule {
  loadPyodide(options: LoadPyodideOptions): Promise<PyodideApi>;
  version?: string;
}
