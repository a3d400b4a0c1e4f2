/// sql.js's two files, fetched by the page from /runtimes/sql/ once per page (a runner frame has an
/// opaque origin and so no HTTP cache of its own) and copied to every frame that needs them.

import { fetchOk, oncePerBase } from '../shared/runtime-download';

/// Their paths under the runtime base: the `files` of the sql entry in desktop/languages.json.
export const SCRIPT_FILE = 'dist/sql-wasm.js';
export const WASM_FILE = 'dist/sql-wasm.wasm';

export interface RuntimeFiles {
  script: string;
  wasm: ArrayBuffer;
}

const loaded = new Map<string, Promise<RuntimeFiles>>();

const fetchFile = (base: string, file: string): Promise<Response> => fetchOk(base + file, file.split('/').pop() ?? file);

/// Rejects (and is fetched again next time) when a file is missing or the network failed.
export function runtimeFiles(base: string): Promise<RuntimeFiles> {
  return oncePerBase(loaded, base, async () => {
    const [script, wasm] = await Promise.all([
      fetchFile(base, SCRIPT_FILE).then((r) => r.text()),
      fetchFile(base, WASM_FILE).then((r) => r.arrayBuffer()),
    ]);
    return { script, wasm };
  });
}
