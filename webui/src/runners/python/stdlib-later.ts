/// The standard library for an interpreter that started from the snapshot before the library's
/// zip had arrived (worker code). Over a slow link the zip is 1.5 MB the first output does not
/// need: the modules start-up imported are in the snapshot. The interpreter started from an empty
/// stand-in; the zip is written in its place as soon as the page's copy arrives. A read of the
/// zip before then (a module not imported yet, a stdlib source line in a traceback) is caught by
/// the audit hook of stdlib_later.py, which has the zip fetched at once, blocking, before the
/// read goes on: programs see exactly what they would have seen with the zip there.

import type { PyodideApi } from './pyodide-api';
import { startup } from './pyodide-start';

/// Taken before user code runs, which may replace the global.
const Request = XMLHttpRequest;

/// The zip, fetched synchronously (a worker may): the one case where a program waits on it.
function fetchNow(url: string): Uint8Array {
  const request = new Request();
  request.open('GET', url, false);
  request.responseType = 'arraybuffer';
  request.send();
  if (request.status !== 200) throw new Error(`the standard library could not be fetched (HTTP ${request.status})`);
  return new Uint8Array(request.response as ArrayBuffer);
}

/// Python's side: takes the worker's fetch, marks the zip pending and says where it goes (empty
/// where the interpreter has no hook: a snapshot made without stdlib_later.py).
const TAKE_OVER = `
import sys
state = getattr(sys.modules["_pyodide"], "_interview_desk_stdlib", None)
if state is not None:
    state.fetch_now = fetch_now
    state.pending = True
state.path if state is not None else ""
`;

/// Writes the zip once it is there; where the interpreter has no hook, the start waits for it.
export async function completeStdlib(pyodide: PyodideApi, bytes: Promise<ArrayBuffer | null>, url: string): Promise<void> {
  let written = false;
  const write = (data: Uint8Array, path: string): void => {
    if (written) return;
    written = true;
    pyodide.FS.writeFile(path, data);
    startup.steps.stdlib = performance.timeOrigin + performance.now();
  };
  let hookPath = '';
  // Called by the hook, which has already cleared `pending`.
  const scope = pyodide.toPy({ fetch_now: () => write(fetchNow(url), hookPath) });
  hookPath = String(pyodide.runPython(TAKE_OVER, { globals: scope }));
  if (hookPath === '') {
    const path = String(pyodide.runPython('import sys\nnext(p for p in sys.path if p.endswith(".zip"))'));
    const arrived = await bytes;
    write(arrived ? new Uint8Array(arrived) : fetchNow(url), path);
    return;
  }
  void bytes.then((arrived) => {
    if (written) return;
    pyodide.runPython('state.pending = False', { globals: scope });
    write(arrived ? new Uint8Array(arrived) : fetchNow(url), hookPath);
  });
}
