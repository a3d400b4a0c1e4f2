/// The interpreter (ruby+stdlib.wasm, ~30 MB), fetched by the page from /runtimes/ruby/ once per
/// page and copied to every frame that needs it. A runner frame has an opaque origin and so no
/// HTTP cache of its own; the page's request is cached like any other, so the next visit reads
/// it from disk, and a frame started after Stop gets it from memory.

import { fetchOk, oncePerBase, readBytes } from '../shared/runtime-download';

/// Its path under the runtime base: the `files` of the ruby entry in desktop/languages.json.
export const WASM_FILE = 'dist/ruby+stdlib.wasm';

const loaded = new Map<string, Promise<ArrayBuffer>>();

async function download(url: string, progress: (bytes: number) => void): Promise<ArrayBuffer> {
  const response = await fetchOk(url, WASM_FILE.split('/').pop() ?? WASM_FILE);
  return response.body ? readBytes(response.body, progress) : response.arrayBuffer();
}

/// Rejects (and is fetched again next time) when the file is missing or the network failed.
/// `progress` hears the bytes received so far (of the uncompressed file).
export function rubyWasm(base: string, progress: (bytes: number) => void = () => undefined): Promise<ArrayBuffer> {
  return oncePerBase(loaded, base, () => download(base + WASM_FILE, progress));
}
