/// A runtime's files, fetched by the page once per page and handed to every frame that needs
/// them: a runner frame has an opaque origin and so no HTTP cache of its own, while the page's
/// requests are cached like any other (the next visit reads them from disk) and a frame started
/// after Stop gets them from memory.

/// Fetches `url` without credentials; a failed response rejects as `label: HTTP status`.
export async function fetchOk(url: string, label: string): Promise<Response> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status}`);
  return response;
}

/// The body's bytes; `progress` hears the bytes received so far (after any content encoding).
export async function readBytes(body: ReadableStream<Uint8Array>, progress: (bytes: number) => void): Promise<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
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

/// What `load` gives for `base`, loaded once: a failure is forgotten, so the next call tries again.
export function oncePerBase<T>(loaded: Map<string, Promise<T>>, base: string, load: () => Promise<T>): Promise<T> {
  let value = loaded.get(base);
  if (!value) {
    value = load();
    value.catch(() => loaded.delete(base));
    loaded.set(base, value);
  }
  return value;
}

/// `bytes / 1e6` as loading progress, e.g. "12.3 MB".
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
