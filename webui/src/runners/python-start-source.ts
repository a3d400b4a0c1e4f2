/// How the Python worker starts Pyodide, as plain JavaScript spliced into the worker's source.
///
/// - From a memory snapshot of an interpreter that already imported the runner's helper (made at
///   set-up by scripts/make-pyodide-snapshot.mjs from the same Pyodide build and served next to
///   its files): about a quarter of a normal start. `_loadSnapshot` is private API of the pinned
///   Pyodide 0.27.8, which refuses a snapshot of any other build; a missing or refused snapshot
///   falls back to a normal start.
/// - With the big files fetched by the page (python-files.ts) and handed over: requests from the
///   sandboxed, opaque-origin frame never use the browser's HTTP cache, the page's do, so a second
///   join and every spare read them from the cache instead of the network. Pyodide's own `fetch`
///   of them is answered from those bytes; any file the page could not get is fetched as before.
/// - Every step is stamped on the epoch clock (`timeOrigin + now`), so the page can put them on
///   its own clock.

/// The snapshot's file name in the Pyodide folder (scripts/make-pyodide-snapshot.mjs writes it).
export const SNAPSHOT_FILE = 'interview-desk-snapshot.bin';

/// The files the page fetches and hands to the worker, with the type Pyodide expects of each.
export const PAGE_FETCHED_FILES: Readonly<Record<string, string>> = {
  [SNAPSHOT_FILE]: 'application/octet-stream',
  'pyodide.asm.wasm': 'application/wasm',
  'python_stdlib.zip': 'application/zip',
  'pyodide-lock.json': 'application/json',
  'pyodide.asm.js': 'text/javascript',
  'pyodide.mjs': 'text/javascript',
};

export const PYTHON_START_SOURCE = String.raw`const stamp = () => performance.timeOrigin + performance.now();
  const startup = { how: 'normal', refused: null, steps: { worker: performance.timeOrigin }, resources: [], fromPage: [] };
  const pageFileTypes = ${JSON.stringify(PAGE_FETCHED_FILES)};
  // One promise per file, settled by the page's 'file' message: the bytes, or null to fetch it here.
  const pageFiles = new Map(Object.keys(pageFileTypes).map((name) => {
    let settle = null;
    const promise = new Promise((resolve) => { settle = resolve; });
    return [name, { promise, settle }];
  }));
  const receiveFile = (message) => {
    const entry = pageFiles.get(String(message.name));
    if (entry) entry.settle(message.bytes instanceof ArrayBuffer ? message.bytes : null);
  };
  const fileFromPage = async (name) => {
    const entry = pageFiles.get(name);
    const bytes = entry ? await entry.promise : null;
    if (bytes && !startup.fromPage.includes(name)) startup.fromPage.push(name);
    return bytes;
  };
  // The snapshot file leaves out its long runs of zeros (scripts/make-pyodide-snapshot.mjs):
  // "IDSPARSE", the full length, the range count, each range's offset and length, their bytes.
  const expandSnapshot = (buffer) => {
    const view = new DataView(buffer);
    const magic = String.fromCharCode(...new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength)));
    if (magic !== 'IDSPARSE') return buffer;
    const full = new Uint8Array(view.getUint32(8, true));
    const count = view.getUint32(12, true);
    let from = 16 + 8 * count;
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(20 + 8 * i, true);
      full.set(new Uint8Array(buffer, from, length), view.getUint32(16 + 8 * i, true));
      from += length;
    }
    return full;
  };
  // A script the page fetched runs from a blob: URL (the frame's CSP allows blob: scripts).
  const importScript = async (base, name) => {
    const bytes = await fileFromPage(name);
    if (!bytes) return import(base + name);
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
    try {
      return await import(url);
    } catch (e) {
      // WebKit refuses a module from a blob: URL in the opaque-origin worker (a CORS error):
      // nothing of it ran, so load it from the Pyodide folder instead.
      return import(base + name);
    } finally {
      URL.revokeObjectURL(url);
    }
  };
  // A snapshot made in Node (no JS Promise Integration there) has run_sync turned off for good:
  // where input() must wait on a promise, the worker asks for a normal start.
  const startPyodide = async (base, options, onImported, snapshotAllowed = true) => {
    const networkFetch = self.fetch;
    const instantiateStreaming = WebAssembly.instantiateStreaming;
    // Compiled as soon as the page hands the bytes over, while the snapshot is still on its way.
    const compiled = fileFromPage('pyodide.asm.wasm')
      .then((bytes) => (bytes ? WebAssembly.compile(bytes) : null))
      .then((module) => { if (module) startup.steps.compiled = stamp(); return module; })
      .catch(() => null);
    // Only while Pyodide loads; user code gets the browser's own functions (and the frame's CSP).
    self.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const name = url.startsWith(base) ? url.slice(base.length) : '';
      const bytes = name ? await fileFromPage(name) : null;
      if (bytes) return new Response(bytes, { status: 200, headers: { 'Content-Type': pageFileTypes[name] } });
      return networkFetch.call(self, input, init);
    };
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const module = await compiled;
      if (module === null) return instantiateStreaming.call(WebAssembly, source, imports);
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    };
    try {
      const snapshot = fileFromPage(${JSON.stringify(SNAPSHOT_FILE)});
      // Loaded side by side (Pyodide would load the second only once the snapshot is there).
      const [{ loadPyodide }] = await Promise.all([importScript(base, 'pyodide.mjs'), importScript(base, 'pyodide.asm.js')]);
      startup.steps.imported = stamp();
      onImported();
      let started = null;
      const bytes = await snapshot;
      if (bytes && snapshotAllowed) {
        startup.steps.snapshot = stamp();
        try {
          started = await loadPyodide({ ...options, _loadSnapshot: expandSnapshot(bytes) });
          startup.how = 'snapshot';
        } catch (e) {
          startup.refused = String(e && e.message ? e.message : e).slice(0, 300);
        }
      }
      if (started === null) started = await loadPyodide(options);
      startup.steps.interpreter = stamp();
      return started;
    } finally {
      self.fetch = networkFetch;
      WebAssembly.instantiateStreaming = instantiateStreaming;
      pageFiles.clear();
    }
  };
  // What each file cost on the wire (the relay sends Timing-Allow-Origin, so sizes show).
  const finishStartup = () => {
    startup.steps.ready = stamp();
    startup.resources = performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name.split('/').pop(),
      transferSize: entry.transferSize,
      encodedBodySize: entry.encodedBodySize,
      decodedBodySize: entry.decodedBodySize,
      start: performance.timeOrigin + entry.startTime,
      end: performance.timeOrigin + entry.responseEnd,
    }));
    return startup;
  };
`;
