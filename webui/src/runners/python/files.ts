/// The big Pyodide files (wasm, standard library, snapshot), fetched by the page for each Python
/// frame it starts.
///
/// The runner frame's opaque origin gives its requests no HTTP cache at all (Chromium: every
/// spare and every join downloaded the ~8 MB again); the page's requests are cached like any
/// other, so the second join of a browser reads them from disk. The page also keeps the bytes it
/// fetched (about 31 MB) for the frames that follow: a spare, and every frame after Stop, gets
/// a copy at once instead of reading the cache and decoding brotli again (0.5–1 s on two busy
/// cores). Each frame's copy is transferred, not copied again, to the frame and on to its worker
/// (pyodide-start.ts).

import { PAGE_FETCHED_FILES, SNAPSHOT_FILE, STDLIB_FILE, STORED_STDLIB_FILE, WASM_FILE } from './page-files';

export type PageFiles = ReadonlyMap<string, Promise<ArrayBuffer | null>>;

/// Where a new frame's snapshot comes from:
/// - `server`: the one made in Node at set-up, where input() needs no promise (shared memory) or
///   cannot wait on one (no JavaScript Promise Integration);
/// - `local`: where input() waits on a promise, a snapshot made by this engine in this page
///   (python.worker.ts; a Node-made one has Pyodide's stack switching off for good), once there;
/// - `none`: a normal start (the 3–5 MB of the server's snapshot are not fetched at all).
export type SnapshotSource = 'server' | 'local' | 'none';

const localSnapshots = new Map<string, ArrayBuffer>();

function promiseInputOnly(allowIsolation: boolean): boolean {
  const sharedMemory = allowIsolation && self.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  const wasm = WebAssembly as unknown as Record<string, unknown>;
  const promiseIntegration = typeof wasm.Suspending === 'function' && typeof wasm.promising === 'function';
  return !sharedMemory && promiseIntegration;
}

export function snapshotSource(base: string, allowIsolation: boolean): SnapshotSource {
  if (!promiseInputOnly(allowIsolation)) return 'server';
  return localSnapshots.has(base) ? 'local' : 'none';
}

/// True where this page should have the engine make its own snapshot (see SnapshotSource).
export function localSnapshotNeeded(base: string, allowIsolation: boolean): boolean {
  return snapshotSource(base, allowIsolation) === 'none';
}

/// Keeps the snapshot a frame made for the frames that follow (each gets a copy).
export function keepLocalSnapshot(base: string, bytes: ArrayBuffer): void {
  localSnapshots.set(base, bytes);
}

/// What this page fetched, by URL; a failed fetch is forgotten so that the next frame tries again.
const kept = new Map<string, Promise<ArrayBuffer | null>>();

/// A copy of the file's bytes for one frame (the frame's copy is transferred away).
function fetchBytes(url: string): Promise<ArrayBuffer | null> {
  let bytes = kept.get(url);
  if (!bytes) {
    bytes = fetch(url, { credentials: 'omit' })
      .then((response) => (response.ok ? response.arrayBuffer() : null))
      .catch(() => null);
    kept.set(url, bytes);
    void bytes.then((value) => {
      if (value === null && kept.get(url) === bytes) kept.delete(url);
    });
  }
  return bytes.then((value) => (value ? value.slice(0) : null));
}

/// Starts fetching every file; each promise gives the bytes, or null (missing file, network
/// error, snapshot not wanted) for the worker to fetch that file itself or start without it.
/// Order: the wasm first, alone with the small scripts (the worker compiles it while the rest is
/// on its way; over a slow link all at once made the wasm arrive last), then the snapshot, then
/// the standard library, which a start from the snapshot does not wait for (stdlib-later.ts).
/// The standard library comes from its stored copy (STORED_STDLIB_FILE); the server's snapshot
/// was made with that copy (zipimport remembers where each module lies in the zip), so it gets
/// no other (a local snapshot was made with what the page had).
export function fetchPageFiles(base: string, source: SnapshotSource): PageFiles {
  const files = new Map<string, Promise<ArrayBuffer | null>>();
  const wasm = fetchBytes(base + WASM_FILE);
  files.set(WASM_FILE, wasm);
  const local = localSnapshots.get(base);
  let snapshot: Promise<ArrayBuffer | null> = Promise.resolve(null);
  if (source === 'local' && local) snapshot = Promise.resolve(local.slice(0));
  else if (source === 'server') snapshot = wasm.then(() => fetchBytes(base + SNAPSHOT_FILE));
  files.set(SNAPSHOT_FILE, snapshot);
  const stored = (source === 'server' ? snapshot : wasm).then(() => fetchBytes(base + STORED_STDLIB_FILE));
  for (const name of Object.keys(PAGE_FETCHED_FILES)) {
    if (name === STDLIB_FILE) {
      files.set(name, stored.then((bytes) => bytes ?? (source === 'server' ? null : fetchBytes(base + name))));
    } else if (!files.has(name)) files.set(name, fetchBytes(base + name));
  }
  return files;
}

/// Hands each file to the frame as soon as it is there.
export function sendPageFiles(files: PageFiles, post: (name: string, bytes: ArrayBuffer | null) => void): void {
  for (const [name, bytes] of files) void bytes.then((value) => post(name, value));
}
