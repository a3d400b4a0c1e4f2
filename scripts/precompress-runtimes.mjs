// Writes `NAME.br` (brotli, best quality) and `NAME.gz` (gzip -9) next to each runtime file of
// the Pyodide folder, for the relay to send to browsers that accept them:
//   node scripts/precompress-pyodide.mjs [PYODIDE_DIR]
// A copy newer than its file is kept (brotli at quality 11 takes about a minute for the wasm).

import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = resolve(process.argv[2] ?? join(ROOT, 'pyodide_bundle', 'node_modules', 'pyodide'));
const RUNTIME = new Set(['.wasm', '.js', '.mjs', '.json', '.zip', '.bin']);
const SMALLEST = 8 * 1024;

const compressors = {
  '.br': (data) =>
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  '.gz': (data) => gzipSync(data, { level: 9 }),
};

for (const name of readdirSync(DIR).sort()) {
  const path = join(DIR, name);
  const stat = statSync(path);
  if (!stat.isFile() || !RUNTIME.has(extname(name)) || stat.size < SMALLEST) continue;
  let data = null;
  for (const [suffix, compress] of Object.entries(compressors)) {
    const target = path + suffix;
    try {
      if (statSync(target).mtimeMs >= stat.mtimeMs) continue;
    } catch {
      // Not made yet.
    }
    data ??= readFileSync(path);
    const packed = compress(data);
    writeFileSync(target + '.part', packed);
    renameSync(target + '.part', target);
    console.log(`${name}${suffix}: ${data.length} -> ${packed.length} bytes`);
  }
}
