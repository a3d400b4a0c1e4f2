/// The interpreter (ruby+stdlib.wasm, ~30 MB), fetched by the page from /runtimes/ruby/ once per
/// page and copied to every frame that needs it. A runner frame has an opaque origin and so no
/// HTTP cache of its own; the page's request is cached like any other, so the next visit reads
/// it from disk, and a frame started after Stop gets it from memory.

/// Its path under the runtime base: the `files` of the ruby entry in desktop/languages.json.
export const WASM_FILE = 'dist/ruby+stdlib.wasm';

const loaded = new Map<string, Promise<ArrayBuffer>>();

async function download(url: string, progress: (bytes: number) => void): Promise<ArrayBuffer> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${WASM_FILE.split('/').pop()}: HTTP ${response.status}`);
  if (!response.body) return response.arrayBuffer();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.byteLength;
    progress(size);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole.buffer;
}

/// Rejects (and is fetched again next time) when the file is missing or the network failed.
/// `progress` hears the bytes received so far (of the uncompressed file).
export function rubyWasm(base: string, progress: (bytes: number) => void = () => undefined): Promise<ArrayBuffer> {
  let bytes = loaded.get(base);
  if (!bytes) {
    bytes = download(base + WASM_FILE, progress);
    bytes.catch(() => loaded.delete(base));
    loaded.set(base, bytes);
  }
  return bytes;
}
