/// sql.js's two files, fetched by the page from /runtimes/sql/ once per page (a runner frame has an
/// opaque origin and so no HTTP cache of its own) and copied to every frame that needs them.

/// Their paths under the runtime base: the `files` of the sql entry in desktop/languages.json.
export const SCRIPT_FILE = 'dist/sql-wasm.js';
export const WASM_FILE = 'dist/sql-wasm.wasm';

export interface RuntimeFiles {
  script: string;
  wasm: ArrayBuffer;
}

const loaded = new Map<string, Promise<RuntimeFiles>>();

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${url.split('/').pop() ?? url}: HTTP ${response.status}`);
  return response;
}

/// Rejects (and is fetched again next time) when a file is missing or the network failed.
export function runtimeFiles(base: string): Promise<RuntimeFiles> {
  let files = loaded.get(base);
  if (!files) {
    files = Promise.all([fetchOk(base + SCRIPT_FILE).then((r) => r.text()), fetchOk(base + WASM_FILE).then((r) => r.arrayBuffer())]).then(
      ([script, wasm]) => ({ script, wasm }),
    );
    files.catch(() => loaded.delete(base));
    loaded.set(base, files);
  }
  return files;
}
