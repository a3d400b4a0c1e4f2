// Writes a memory snapshot of an initialised Pyodide interpreter, with the Python runner's own
// helper already imported and warmed, next to the Pyodide files it was made from:
//   node scripts/make-pyodide-snapshot.mjs [PYODIDE_DIR]
// The browser's runner loads it with `_loadSnapshot` (private API of the pinned 0.27.8: the
// snapshot is refused unless it comes from exactly this build) and falls back to a normal start.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYODIDE_DIR = resolve(process.argv[2] ?? join(ROOT, 'pyodide_bundle', 'node_modules', 'pyodide'));
const HELPER_PY = join(ROOT, 'webui', 'src', 'runners', 'python', 'helper.py');
export const SNAPSHOT_NAME = 'interview-desk-snapshot.bin';
const EXPECTED_VERSION = '0.27.8';

/// The snapshot without its long runs of zeros (a third of it): "IDSPARSE", the full length,
/// the number of ranges, each range's offset and length (little-endian u32), then their bytes.
/// The browser moves and decodes 13 MB instead of 21 (webui/src/runners/python/pyodide-start.ts expands it).
function sparse(bytes) {
  const MIN_GAP = 4096;
  const ranges = [];
  let start = -1;
  let zeros = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      if (start < 0) start = i;
      zeros = 0;
    } else if (start >= 0 && ++zeros === MIN_GAP) {
      ranges.push([start, i - MIN_GAP + 1 - start]);
      start = -1;
    }
  }
  if (start >= 0) ranges.push([start, bytes.length - zeros - start]);
  const header = new DataView(new ArrayBuffer(16 + 8 * ranges.length));
  new TextEncoder().encodeInto('IDSPARSE', new Uint8Array(header.buffer));
  header.setUint32(8, bytes.length, true);
  header.setUint32(12, ranges.length, true);
  ranges.forEach(([offset, length], index) => {
    header.setUint32(16 + 8 * index, offset, true);
    header.setUint32(20 + 8 * index, length, true);
  });
  return Buffer.concat([new Uint8Array(header.buffer), ...ranges.map(([o, l]) => bytes.subarray(o, o + l))]);
}

/// The runner's Python helper, exactly the text the worker runs (it imports the file with `?raw`).
function helperSource() {
  return readFileSync(HELPER_PY, 'utf8');
}

const { loadPyodide, version } = await import(pathToFileURL(join(PYODIDE_DIR, 'pyodide.mjs')).href);
if (version !== EXPECTED_VERSION) {
  throw new Error(`Pyodide ${version} found; the snapshot options are private API checked on ${EXPECTED_VERSION}`);
}
// Made without JavaScript Promise Integration (Node 20 has only the old API, behind a flag): a
// snapshot made with it failed in Chromium ("trying to suspend JS frames") at the first input().
// Pyodide keeps that start-up answer in the snapshot, so the worker does not use it where input()
// must wait on a promise (webui/src/runners/python/pyodide-start.ts).
const started = performance.now();
const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + '/', _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
// The same steps as the worker's start, in a namespace that is dropped afterwards: the modules
// stay imported and the compiler paths warm, but no function of ours is kept (the worker defines
// the helper again, so a stale snapshot can only be slower, never different).
const helper = JSON.stringify(helperSource());
pyodide.runPython(
  [
    'def _interview_desk_warm():',
    '    namespace = {}',
    `    exec(compile(${helper}, "<helper>", "exec"), namespace)`,
    '    namespace["run_program"]("pass")',
    '    namespace.clear()',
    '_interview_desk_warm()',
    'del _interview_desk_warm',
    // loadPyodide puts "" in front of sys.path after restoring a snapshot, as it did here.
    'import sys',
    'sys.path.remove("")',
    'del sys',
  ].join('\n'),
);
const snapshot = pyodide.makeMemorySnapshot();
const packed = sparse(snapshot);
const target = join(PYODIDE_DIR, SNAPSHOT_NAME);
writeFileSync(target + '.part', packed);
renameSync(target + '.part', target);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${target}: ${(packed.length / 1e6).toFixed(1)} MB of ${(snapshot.length / 1e6).toFixed(1)} (Pyodide ${version}, ${seconds} s)`);
