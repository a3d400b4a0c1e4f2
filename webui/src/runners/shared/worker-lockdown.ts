/// What every runner worker takes away before the person's code runs (worker code). The frame's
/// CSP is the wall against the network; this is the wall inside the worker:
/// - `postMessage` is deleted wherever it is found, after the worker kept a bound copy for itself,
///   so a program cannot forge results or flood the frame;
/// - `Worker` and `SharedWorker` are replaced by functions that throw, so a program cannot start
///   workers without end (a worker that cannot replace them fails to start rather than run);
/// - Cache Storage is dropped: WebKit lets an opaque-origin worker on a secure page open it.

const denied = (what: string) =>
  function denied(): never {
    throw new Error(`${what} is not available in the sandbox`);
  };

/// Deletes `name` from the global scope and every prototype it inherits from.
function deleteEverywhere(name: 'postMessage' | 'caches'): void {
  for (let target: object | null = self; target; target = Object.getPrototypeOf(target) as object | null) {
    try {
      delete (target as Record<string, unknown>)[name];
    } catch {
      // not configurable
    }
  }
}

/// `alsoDeny`: more globals to replace where the engine lets us (SQL denies the network APIs too,
/// though SQLite cannot call JavaScript at all).
export function lockDownWorker(alsoDeny: readonly string[] = []): void {
  const scope = self;
  deleteEverywhere('postMessage');
  for (const name of ['Worker', 'SharedWorker']) {
    Object.defineProperty(scope, name, { value: denied(name), writable: false, configurable: false });
  }
  for (const name of alsoDeny) {
    try {
      Object.defineProperty(scope, name, { value: denied(name), writable: false, configurable: false });
    } catch {
      // already fixed by the engine
    }
  }
  deleteEverywhere('caches');
}
