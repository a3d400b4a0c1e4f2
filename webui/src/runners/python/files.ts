/// The big Pyodide files (wasm, standard library, snapshot), fetched by the page for each Python
/// frame it starts.
///
/// The runner frame's opaque origin gives its requests no HTTP cache at all (Chromium: every
/// spare and every join downloaded the ~8 MB again); the page's requests are cached like any
/// other, so the second join of a browser and every spare read them from disk. The bytes are
/// transferred, not copied, to the frame and on to its worker (pyodide-start.ts).

import { PAGE_FETCHED_FILES, SNAPSHOT_FILE } from './page-files';

export type PageFiles = ReadonlyMap<string, Promise<ArrayBuffer | null>>;

/// Whether the worker will start from the snapshot, as it decides (python.worker.ts):
/// not where input() must wait on a promise (no shared memory, but JavaScript Promise
/// Integration), since a snapshot made in Node has that turned off. There the 3–5 MB of the
/// snapshot are not fetched at all (a wrong guess costs only the normal start or the bytes).
export function snapshotWanted(allowIsolation: boolean): boolean {
  const sharedMemory = allowIsolation && self.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  const wasm = WebAssembly as unknown as Record<string, unknown>;
  const promiseIntegration = typeof wasm.Suspending === 'function' && typeof wasm.promising === 'function';
  return sharedMemory || !promiseIntegration;
}

/// Starts fetching every file; each promise gives the bytes, or null (missing file, network
/// error, snapshot not wanted) for the worker to fetch that file itself or start without it.
export function fetchPageFiles(base: string, wantSnapshot: boolean): PageFiles {
  const files = new Map<string, Promise<ArrayBuffer | null>>();
  for (const name of Object.keys(PAGE_FETCHED_FILES)) {
    if (name === SNAPSHOT_FILE && !wantSnapshot) {
      files.set(name, Promise.resolve(null));
      continue;
    }
    const bytes = fetch(base + name, { credentials: 'omit' })
      .then((response) => (response.ok ? response.arrayBuffer() : null))
      .catch(() => null);
    files.set(name, bytes);
  }
  return files;
}

/// Hands each file to the frame as soon as it is there.
export function sendPageFiles(files: PageFiles, post: (name: string, bytes: ArrayBuffer | null) => void): void {
  for (const [name, bytes] of files) void bytes.then((value) => post(name, value));
}
