/// The standard library for an interpreter that started from the snapshot before the library's
/// zip had arrived (worker code). Over a slow link the zip is 1.5 MB the first output does not
/// need: the modules start-up imported are in the snapshot. The interpreter started from an empty
/// stand-in; the zip is written in its place as soon as the page's copy arrives. A read of the
/// zip before then (a module not imported yet, a stdlib source line in a traceback) goes through
/// stdlib_later.py, which has the zip fetched at once, blocking, before the read goes on: programs
/// see exactly what they would have seen with the zip there.

import type { PyodideApi, PyProxy } from './pyodide-api';
import { startup } from './pyodide-start';
import STDLIB_LATER from './stdlib_later.py?raw';

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

/// Where Pyodide put the standard library's zip (first on sys.path).
const ZIP_PATH = 'import sys\nnext(entry for entry in sys.path if entry.endswith(".zip"))';

/// Sets up the stand-in; the zip is written when `bytes` settle (fetched here if the page could
/// not get it) or when a program reads it first, whichever comes first.
export function completeStdlib(pyodide: PyodideApi, bytes: Promise<ArrayBuffer | null>, url: string): void {
  const path = String(pyodide.runPython(ZIP_PATH));
  let written = false;
  const write = (data: Uint8Array): void => {
    if (written) return;
    written = true;
    pyodide.FS.writeFile(path, data);
    startup.steps.stdlib = performance.timeOrigin + performance.now();
  };
  const globals = pyodide.toPy({ fetch_now: () => write(fetchNow(url)) });
  const arrived = pyodide.runPython(`${STDLIB_LATER}\nstand_in(fetch_now)`, { globals }) as PyProxy & (() => void);
  globals.destroy();
  void bytes.then((data) => {
    write(data ? new Uint8Array(data) : fetchNow(url));
    arrived();
    arrived.destroy();
  });
}
