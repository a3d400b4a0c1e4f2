/// The Pyodide files the page fetches and hands to the frame's worker, with the type Pyodide
/// expects of each (page side: files.ts; worker side: start.worker.ts).

/// The snapshot's file name in the Pyodide folder (scripts/make-pyodide-snapshot.mjs writes it).
export const SNAPSHOT_FILE = 'interview-desk-snapshot.bin';

export const PAGE_FETCHED_FILES: Readonly<Record<string, string>> = {
  [SNAPSHOT_FILE]: 'application/octet-stream',
  'pyodide.asm.wasm': 'application/wasm',
  'python_stdlib.zip': 'application/zip',
  'pyodide-lock.json': 'application/json',
  'pyodide.asm.js': 'text/javascript',
  'pyodide.mjs': 'text/javascript',
};
