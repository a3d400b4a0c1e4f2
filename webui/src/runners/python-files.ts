/// The big Pyodide files (wasm, standard library, snapshot), fetched by the page for each Python
/// frame it starts.
///
/// The runner frame's opaque origin gives its requests no HTTP cache at all (Chromium: every
/// spare and every join downloaded the ~8 MB again); the page's requests are cached like any
/// other, so the second join of a browser and every spare read them from disk. The bytes are
/// transferred, not copied, to the frame and on to its worker (python-start-source.ts).

import { PAGE_FETCHED_FILES } from './python-start-source';

export type PageFiles = ReadonlyMap<string, Promise<ArrayBuffer | null>>;

/// Starts fetching every file; each promise gives the bytes, or null (missing file, network
/// error) for the worker to fetch that file itself or start without it.
export function fetchPageFiles(base: string): PageFiles {
  const files = new Map<string, Promise<ArrayBuffer | null>>();
  for (const name of Object.keys(PAGE_FETCHED_FILES)) {
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
