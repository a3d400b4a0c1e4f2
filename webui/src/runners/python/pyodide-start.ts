/// How the Python worker starts Pyodide (worker code; it uses nothing a page lacks, so both
/// tsconfigs check it).
///
/// - From a memory snapshot of an interpreter that already imported the runner's helper (made at
///   set-up by scripts/make-pyodide-snapshot.mjs from the same Pyodide build and served next to
///   its files): about a quarter of a normal start. `_loadSnapshot` is private API of the pinned
///   Pyodide 0.27.8, which refuses a snapshot of any other build; a missing or refused snapshot
///   falls back to a normal start.
/// - With the big files fetched by the page (files.ts) and handed over: requests from the
///   sandboxed, opaque-origin frame never use the browser's HTTP cache, the page's do, so a second
///   join and every spare read them from the cache instead of the network. Pyodide's own `fetch`
///   of them is answered from those bytes; any file the page could not get is fetched as before.
/// - Every step is stamped on the epoch clock (`timeOrigin + now`), so the page can put them on
///   its own clock.

import { PAGE_FETCHED_FILES, SNAPSHOT_FILE, STDLIB_FILE, WASM_FILE } from './page-files';
import type { LoadPyodideOptions, PyodideApi, PyodideModule } from './pyodide-api';

export interface StartupReport {
  how: 'normal' | 'snapshot';
  /// Started from the snapshot with a stand-in for the standard library (stdlib-later.ts).
  stdlibLater: boolean;
  refused: string | null;
  steps: Record<string, number>;
  resources: Record<string, unknown>[];
  fromPage: string[];
}

export interface FileMessage {
  name: unknown;
  bytes: unknown;
}

type InstantiateStreaming = typeof WebAssembly.instantiateStreaming;

const stamp = (): number => performance.timeOrigin + performance.now();

export const startup: StartupReport = {
  how: 'normal',
  stdlibLater: false,
  refused: null,
  steps: { worker: performance.timeOrigin },
  resources: [],
  fromPage: [],
};

interface PendingFile {
  promise: Promise<ArrayBuffer | null>;
  settle(bytes: ArrayBuffer | null): void;
  /// The page has handed over the bytes.
  arrived: boolean;
}

// One promise per file, settled by the page's 'file' message: the bytes, or null to fetch it here.
const pageFiles = new Map<string, PendingFile>(
  Object.keys(PAGE_FETCHED_FILES).map((name) => {
    let settle: (bytes: ArrayBuffer | null) => void = () => undefined;
    const promise = new Promise<ArrayBuffer | null>((resolve) => {
      settle = resolve;
    });
    return [name, { promise, settle, arrived: false }];
  }),
);

export function receiveFile(message: FileMessage): void {
  const entry = pageFiles.get(String(message.name));
  if (entry) {
    entry.arrived = message.bytes instanceof ArrayBuffer;
    entry.settle(message.bytes instanceof ArrayBuffer ? message.bytes : null);
  }
}

/// The standard library's bytes from the page (null: the page could not get them), kept past the
/// start for an interpreter that started without them.
const stdlibFromPage = fileFromPage(STDLIB_FILE);
export const laterStdlib = (): Promise<ArrayBuffer | null> => stdlibFromPage;

async function fileFromPage(name: string): Promise<ArrayBuffer | null> {
  const entry = pageFiles.get(name);
  const bytes = entry ? await entry.promise : null;
  if (bytes && !startup.fromPage.includes(name)) startup.fromPage.push(name);
  return bytes;
}

/// The snapshot as scripts/make-pyodide-snapshot.mjs packs it: "IDSDIFF1", then u32s (the full
/// length, the range count, where the wasm's data segment lies in the snapshot, its offset and
/// length in the wasm, the wasm's length), each range's offset and length, their bytes; the
/// segment's bytes are XORed with the wasm's. Null where it cannot be expanded (no wasm, or
/// another one): the worker then starts normally. Any other file is passed on as it is.
function expandSnapshot(buffer: ArrayBuffer, wasm: ArrayBuffer | null): ArrayBuffer | Uint8Array | null {
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength)));
  if (magic !== 'IDSDIFF1') return buffer;
  const view = new DataView(buffer);
  const [fullLength, count, placed, segmentOffset, segmentLength, wasmLength] = [8, 12, 16, 20, 24, 28].map((at) =>
    view.getUint32(at, true),
  ) as [number, number, number, number, number, number];
  if (wasm === null || wasm.byteLength !== wasmLength) return null;
  const full = new Uint8Array(fullLength);
  let from = 32 + 8 * count;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(36 + 8 * i, true);
    full.set(new Uint8Array(buffer, from, length), view.getUint32(32 + 8 * i, true));
    from += length;
  }
  const segment = new Uint8Array(wasm, segmentOffset, segmentLength);
  for (let i = 0; i < segmentLength; i++) full[placed + i] ^= segment[i];
  return full;
}

// Run-time imports of Pyodide's own modules (by URL: nothing of Pyodide is bundled).
const importUrl = (url: string): Promise<unknown> => import(url);

/// A script the page fetched runs from a blob: URL (the frame's CSP allows blob: scripts).
async function importScript(base: string, name: string): Promise<unknown> {
  const bytes = await fileFromPage(name);
  if (!bytes) return importUrl(base + name);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
  try {
    return await importUrl(url);
  } catch {
    // WebKit refuses a module from a blob: URL in the opaque-origin worker (a CORS error):
    // nothing of it ran, so load it from the Pyodide folder instead.
    return importUrl(base + name);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function message(error: unknown): string {
  return String(error instanceof Error ? error.message : error);
}

/// A snapshot made in Node (no JS Promise Integration there) has run_sync turned off for good:
/// where input() must wait on a promise, the worker asks for a normal start.
export async function startPyodide(
  base: string,
  options: LoadPyodideOptions,
  onImported: () => void,
  snapshotAllowed: boolean,
): Promise<PyodideApi> {
  const networkFetch = self.fetch;
  // While the snapshot starts: the standard library, if not here yet, is an empty stand-in (a
  // restored interpreter reads it only for what start-up did not import; stdlib-later.ts).
  let standInAllowed = false;
  const instantiateStreaming: InstantiateStreaming = WebAssembly.instantiateStreaming;
  // Compiled as soon as the page hands the bytes over, while the snapshot is still on its way.
  const compiled = fileFromPage(WASM_FILE)
    .then((bytes) => (bytes ? WebAssembly.compile(bytes) : null))
    .then((module) => {
      if (module) startup.steps.compiled = stamp();
      return module;
    })
    .catch(() => null);
  // Only while Pyodide loads; user code gets the browser's own functions (and the frame's CSP).
  self.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const name = url.startsWith(base) ? url.slice(base.length) : '';
    // (Also where the page could not get it: the snapshot needs the stored copy, no other.)
    if (name === STDLIB_FILE && standInAllowed && pageFiles.get(name)?.arrived !== true) {
      startup.stdlibLater = true;
      return new Response(new Uint8Array(0), { status: 200, headers: { 'Content-Type': PAGE_FETCHED_FILES[name] ?? '' } });
    }
    const bytes = name ? await fileFromPage(name) : null;
    if (bytes) return new Response(bytes, { status: 200, headers: { 'Content-Type': PAGE_FETCHED_FILES[name] ?? '' } });
    return networkFetch.call(self, input, init);
  };
  WebAssembly.instantiateStreaming = (async (source: Response | PromiseLike<Response>, imports?: WebAssembly.Imports) => {
    const module = await compiled;
    if (module === null) return instantiateStreaming.call(WebAssembly, source, imports);
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  }) as InstantiateStreaming;
  try {
    const snapshot = fileFromPage(SNAPSHOT_FILE);
    // Loaded side by side (Pyodide would load the second only once the snapshot is there).
    const [main] = await Promise.all([importScript(base, 'pyodide.mjs'), importScript(base, 'pyodide.asm.js')]);
    const { loadPyodide } = main as PyodideModule;
    startup.steps.imported = stamp();
    onImported();
    let started: PyodideApi | null = null;
    const bytes = await snapshot;
    if (bytes && snapshotAllowed) {
      startup.steps.snapshot = stamp();
      const expanded = expandSnapshot(bytes, await fileFromPage(WASM_FILE));
      if (expanded === null) startup.refused = 'the snapshot does not match the wasm the page fetched';
      else {
        try {
          standInAllowed = true;
          started = await loadPyodide({ ...options, _loadSnapshot: expanded });
          startup.how = 'snapshot';
        } catch (error) {
          startup.refused = message(error).slice(0, 300);
          startup.stdlibLater = false;
        } finally {
          standInAllowed = false;
        }
      }
    }
    started ??= await loadPyodide(options);
    startup.steps.interpreter = stamp();
    return started;
  } finally {
    self.fetch = networkFetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
    // Only the standard library can still be wanted (laterStdlib).
    for (const name of [...pageFiles.keys()]) if (name !== STDLIB_FILE) pageFiles.delete(name);
  }
}

/// The report, with what each file cost on the wire (the relay sends Timing-Allow-Origin).
export function finishStartup(): StartupReport {
  startup.steps.ready = stamp();
  startup.resources = performance.getEntriesByType('resource').map((entry) => {
    const timing = entry as PerformanceResourceTiming;
    return {
      name: timing.name.split('/').pop(),
      transferSize: timing.transferSize,
      encodedBodySize: timing.encodedBodySize,
      decodedBodySize: timing.decodedBodySize,
      start: performance.timeOrigin + timing.startTime,
      end: performance.timeOrigin + timing.responseEnd,
    };
  });
  return startup;
}
