// Writes a memory snapshot of an initialised Pyodide interpreter, with the Python runner's own
// helper already imported and warmed, next to the Pyodide files it was made from:
//   node scripts/make-pyodide-snapshot.mjs [PYODIDE_DIR]
// The browser's runner loads it with `_loadSnapshot` (private API of the pinned 0.27.8: the
// snapshot is refused unless it comes from exactly this build) and falls back to a normal start.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYODIDE_DIR = resolve(process.argv[2] ?? join(ROOT, 'pyodide_bundle', 'node_modules', 'pyodide'));
const HELPER_PY = join(ROOT, 'webui', 'src', 'runners', 'python', 'helper.py');
/// The steps before the snapshot, shared with the worker's own snapshot.
const PREPARE_PY = join(ROOT, 'webui', 'src', 'runners', 'python', 'snapshot_prepare.py');
export const SNAPSHOT_NAME = 'interview-desk-snapshot.bin';
/// The stored (uncompressed) copy of the standard library the runner loads and the snapshot is
/// made with (zipimport keeps each module's place in the zip in memory).
export const STDLIB_NAME = 'interview-desk-stdlib.zip';
const EXPECTED_VERSION = '0.27.8';

/// Where the wasm's data segment starts in its file and how long it is: Pyodide 0.27.8 has one
/// active segment, placed at `__memory_base` when the module is instantiated.
function dataSegment(wasm) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (id === 11 && leb() >= 1 && leb() === 0) {
      // One active segment: its offset expression (global.get or i32.const, then end).
      at += 1;
      leb();
      if (wasm[at++] !== 0x0b) break;
      const length = leb();
      return { offset: at, length };
    }
    at = end;
  }
  return { offset: 0, length: 0 };
}

/// The snapshot as the browser fetches it (webui/src/runners/python/pyodide-start.ts expands it):
/// the bytes of the wasm's data segment that the interpreter never changed are XORed to zero,
/// then runs of 4 KB of zeros are left out. 21 MB become 8.3, and brotli sees only what start-up
/// wrote. Layout (little-endian u32 after the magic): "IDSDIFF1", the full length, the range
/// count, where the segment lies in the snapshot, its offset and length in the wasm, the wasm's
/// length (a different wasm is not used), then each range's offset and length, then their bytes.
function pack(snapshot, wasm) {
  const segment = dataSegment(wasm);
  const bytes = snapshot.slice();
  // The heap follows Pyodide's own header; the segment lies where its first bytes are found.
  const heapStart = new Uint32Array(bytes.buffer, bytes.byteOffset, 4)[1];
  const probe = Buffer.from(wasm.subarray(segment.offset, segment.offset + 64));
  const found = segment.length ? Buffer.from(bytes.buffer, bytes.byteOffset + heapStart).indexOf(probe) : -1;
  const placed = found < 0 ? 0 : heapStart + found;
  const length = found < 0 ? 0 : segment.length;
  for (let i = 0; i < length; i++) bytes[placed + i] ^= wasm[segment.offset + i];

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
  const HEADER = 32;
  const header = new DataView(new ArrayBuffer(HEADER + 8 * ranges.length));
  new TextEncoder().encodeInto('IDSDIFF1', new Uint8Array(header.buffer));
  [bytes.length, ranges.length, placed, segment.offset, length, wasm.length].forEach((value, index) =>
    header.setUint32(8 + 4 * index, value, true),
  );
  ranges.forEach(([offset, size], index) => {
    header.setUint32(HEADER + 8 * index, offset, true);
    header.setUint32(HEADER + 4 + 8 * index, size, true);
  });
  return Buffer.concat([new Uint8Array(header.buffer), ...ranges.map(([o, l]) => bytes.subarray(o, o + l))]);
}

/// The standard library zip with every entry stored instead of deflated: brotli then sees the
/// text whole (1.48 MB brotli instead of 2.30), and imports inflate nothing.
/// Same names, dates and CRCs (a CRC is of the uncompressed bytes); no extra fields, no comment.
function storedZip(zip) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('python_stdlib.zip: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let central = view.getUint32(end + 16, true);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(central, true) !== 0x02014b50) throw new Error('python_stdlib.zip: bad central entry');
    const method = view.getUint16(central + 10, true);
    const time = view.getUint32(central + 12, true);
    const crc = view.getUint32(central + 16, true);
    const packedSize = view.getUint32(central + 20, true);
    const nameLength = view.getUint16(central + 28, true);
    const skip = nameLength + view.getUint16(central + 30, true) + view.getUint16(central + 32, true);
    const externalAttributes = view.getUint32(central + 38, true);
    const local = view.getUint32(central + 42, true);
    const name = zip.subarray(central + 46, central + 46 + nameLength);
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const packed = zip.subarray(dataStart, dataStart + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    if (method !== 0 && method !== 8) throw new Error(`python_stdlib.zip: method ${method}`);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(time, 10);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameLength, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(view.getUint16(central + 4, true), 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(time, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameLength, 28);
    entry.writeUInt32LE(externalAttributes, 38);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, name, data);
    centrals.push(entry, name);
    offset += 30 + nameLength + data.length;
    central += 46 + skip;
  }
  const directory = Buffer.concat(centrals);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(count, 8);
  tail.writeUInt16LE(count, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, tail]);
}

/// Zeroes the heap memory malloc holds free, so that the snapshot carries no leftovers of
/// start-up's temporary buffers (2.9 MB of them: the snapshot goes from 2.40 to 1.89 MB as
/// brotli). While the footprint limit is the current footprint, malloc fails instead of growing
/// the memory: every block it hands out is free memory, zeroed and given back. Returns the bytes
/// zeroed (0 where this build lacks the functions: the snapshot is then only bigger).
function zeroFreeMemory(module) {
  const { _malloc_footprint: footprint, _malloc_set_footprint_limit: limit } = module;
  const { ___libc_malloc: malloc, ___libc_free: free } = module;
  if (![footprint, limit, malloc, free].every((f) => typeof f === 'function')) return 0;
  const size = module.HEAPU8.buffer.byteLength;
  limit(footprint());
  const blocks = [];
  let zeroed = 0;
  try {
    for (const bytes of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 64, 16]) {
      for (let block = malloc(bytes); block !== 0; block = malloc(bytes)) {
        module.HEAPU8.fill(0, block, block + bytes);
        blocks.push(block);
        zeroed += bytes;
      }
    }
  } finally {
    for (const block of blocks) free(block);
    limit(-1); // dlmalloc: no limit, as before
  }
  if (module.HEAPU8.buffer.byteLength !== size) throw new Error('zeroing free memory grew the heap');
  return zeroed;
}

function writeAtomically(target, bytes) {
  writeFileSync(target + '.part', bytes);
  renameSync(target + '.part', target);
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
const stdlib = join(PYODIDE_DIR, STDLIB_NAME);
writeAtomically(stdlib, storedZip(readFileSync(join(PYODIDE_DIR, 'python_stdlib.zip'))));
const pyodide = await loadPyodide({
  indexURL: PYODIDE_DIR + '/',
  stdLibURL: stdlib,
  _makeSnapshot: true,
  stdout: () => {},
  stderr: () => {},
});
// The same steps as the worker's own snapshot (snapshot_prepare.py says why), each in globals of
// its own: __main__ keeps nothing of them, not even a docstring.
const helper = JSON.stringify(readFileSync(HELPER_PY, 'utf8'));
const inScratch = (code) => {
  const globals = pyodide.toPy({});
  try {
    pyodide.runPython(code, { globals });
  } finally {
    globals.destroy();
  }
};
inScratch(`${readFileSync(PREPARE_PY, 'utf8')}\n_interview_desk_prepare(${helper})`);
// Objects start-up left for the cycle collector go first, then what malloc holds free is zeroed.
// (gc is imported for this only: it stays out of sys.modules unless start-up had it there.)
inScratch(['import sys', "had_gc = 'gc' in sys.modules", 'import gc', 'gc.collect()', 'if not had_gc:', "    del sys.modules['gc']"].join('\n'));
const zeroed = zeroFreeMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
const packed = pack(snapshot, readFileSync(join(PYODIDE_DIR, 'pyodide.asm.wasm')));
const target = join(PYODIDE_DIR, SNAPSHOT_NAME);
writeAtomically(target, packed);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${target}: ${(packed.length / 1e6).toFixed(1)} MB of ${(snapshot.length / 1e6).toFixed(1)}, ` +
    `${(zeroed / 1e6).toFixed(1)} MB of free memory zeroed (Pyodide ${version}, ${seconds} s)`,
);
