/// The files of TypeScript's runtime (desktop/languages.json: the compiler and the library
/// declarations its checker reads), fetched by the page once per page: the page's requests are
/// cached like any other, while the compiler frame's opaque origin would get no HTTP cache at all.
/// Every compiler frame (a new one after a Stop during a compile) gets copies of the same bytes.

import data from '../../../../desktop/languages.json';
import { fetchOk, oncePerBase, readBytes } from '../shared/runtime-download';
import type { RuntimeFiles } from './compiler-messages';

/// A new array each time: the caller may use it up (the imported JSON is shared by the page).
export function runtimeFileNames(): string[] {
  const entry = data.languages.find((language) => language.id === 'typescript');
  return [...(entry?.runtime?.files ?? [])];
}

/// At most this many requests at once: a browser opens no more than six connections to a host
/// anyway, and a burst of 74 through a proxy (one address to the relay) met the relay's cap on
/// unfinished handshakes per address.
const CONCURRENT = 4;

const loaded = new Map<string, Promise<RuntimeFiles>>();

async function fetchAll(base: string, progress: (bytes: number) => void): Promise<RuntimeFiles> {
  let received = 0;
  const one = async (name: string): Promise<[string, ArrayBuffer]> => {
    const response = await fetchOk(base + name, name);
    if (!response.body) throw new Error(`${name}: HTTP ${response.status}`);
    let mine = 0;
    const bytes = await readBytes(response.body, (size) => {
      received += size - mine;
      mine = size;
      progress(received);
    });
    return [name, bytes];
  };
  const queue = runtimeFileNames();
  const fetched: [string, ArrayBuffer][] = [];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) fetched.push(await one(name));
  };
  await Promise.all(Array.from({ length: CONCURRENT }, worker));
  return Object.fromEntries(fetched);
}

/// Every file, or an error naming the first that could not be fetched (then the next call fetches
/// again). `progress` gets the bytes received so far (after any content encoding); a call that
/// finds the files already fetched hears nothing.
export function fetchRuntimeFiles(base: string, progress: (bytes: number) => void): Promise<RuntimeFiles> {
  return oncePerBase(loaded, base, () => fetchAll(base, progress));
}
