/// The Pyodide files the page fetches and hands to the frame's worker, with the type Pyodide
/// expects of each (page side: files.ts; worker side: start.worker.ts).

/// The snapshot's file name in the Pyodide folder (scripts/make-pyodide-snapshot.mjs writes it).
export const SNAPSHOT_FILE = 'interview-desk-snapshot.bin';

/// The standard library as Pyodide names it, and the copy with every entry stored (not deflated)
/// that the page fetches in its place: 1.48 MB brotli instead of 2.30 (the snapshot script writes it).
export const STDLIB_FILE = 'python_stdlib.zip';
export const WASM_FILE = 'pyodide.asm.wasm';
export const STORED_STDLIB_FILE = 'interview-desk-stdlib.zip';

export const PAGE_FETCHED_FILES: Readonly<Record<string, string>> = {
  [SNAPSHOT_FILE]: 'application/octet-stream',
  [WASM_FILE]: 'application/wasm',
  [STDLIB_FILE]: 'application/zip',
  'pyodide-lock.json': 'application/json',
  'pyodide.asm.js': 'text/javascript',
  'pyodide.mjs': 'text/javascript',
};
