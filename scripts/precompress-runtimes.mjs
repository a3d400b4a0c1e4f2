// Writes `NAME.br` (brotli) and `NAME.gz` (gzip -9) next to each runtime file the relay serves
// (Pyodide's at /pyodide/, the other languages' at /runtimes/, listed in desktop/languages.json),
// for the relay to send to browsers that accept them:
//   node scripts/precompress-runtimes.mjs
// A copy newer than its file is kept, so a second run only does what changed.
//
// Brotli quality: 11 for Pyodide's files and for any file up to 2 MB; 10 for the larger
// runtimes of the other languages. Measured on this 2-core machine: TypeScript's compiler
// (9.1 MB) 1,145,015 bytes in 12 s at 10 against 1,123,336 in 139 s at 11; Ruby's VM (30.6 MB)
// 6,368,721 in 52 s against 6,100,889 in 305 s. Two to four per cent fewer bytes were not worth
// minutes of every fresh set-up. Files are compressed on every core at once (zlib's async
// calls run on libuv's thread pool), largest first, so the Ruby VM does not come last.

import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(ROOT, 'pyodide_bundle', 'node_modules');
const PYODIDE = join(NODE_MODULES, 'pyodide');
const PYODIDE_RUNTIME = new Set(['.wasm', '.js', '.mjs', '.json', '.zip', '.bin']);
const SMALLEST = 8 * 1024;
const LARGE = 2 * 1024 * 1024;

function brotli(data, quality) {
  return brotliAsync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/** Every file to compress, with the brotli quality it gets. */
function runtimeFiles() {
  const files = [];
  for (const name of readdirSync(PYODIDE).sort()) {
    if (PYODIDE_RUNTIME.has(extname(name))) files.push({ path: join(PYODIDE, name), quality: 11 });
  }
  const list = JSON.parse(readFileSync(join(ROOT, 'desktop', 'languages.json'), 'utf8'));
  for (const language of list.languages) {
    if (language.runtime === null) continue;
    for (const file of language.runtime.files) {
      const path = join(NODE_MODULES, language.runtime.package, file);
      files.push({ path, quality: statSync(path).size > LARGE ? 10 : 11 });
    }
  }
  return files;
}

function isFresh(target, source) {
  try {
    return statSync(target).mtimeMs >= source.mtimeMs;
  } catch {
    return false; // Not made yet.
  }
}

/** The copies still to make, one job per file and suffix. */
function jobs() {
  const found = [];
  for (const { path, quality } of runtimeFiles()) {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size < SMALLEST) continue;
    const compressors = { '.br': (data) => brotli(data, quality), '.gz': (data) => gzipAsync(data, { level: 9 }) };
    for (const [suffix, compress] of Object.entries(compressors)) {
      if (!isFresh(path + suffix, stat)) found.push({ path, suffix, compress, size: stat.size });
    }
  }
  return found.sort((a, b) => b.size - a.size);
}

async function make({ path, suffix, compress }) {
  const data = readFileSync(path);
  const started = Date.now();
  const packed = await compress(data);
  const target = path + suffix;
  writeFileSync(target + '.part', packed);
  renameSync(target + '.part', target);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${path.slice(NODE_MODULES.length + 1)}${suffix}: ${data.length} -> ${packed.length} bytes (${seconds} s)`);
}

const queue = jobs();
const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) await make(job);
});
await Promise.all(workers);
