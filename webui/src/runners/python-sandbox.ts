/// The srcdoc of a Python runner frame: a CSP that allows nothing but the Pyodide files, and the
/// bootstrap that starts the worker.

import { cspSource } from './pyodide-base';
import { PYTHON_FRAME_SOURCE } from './python-frame-source';
import { PYTHON_WORKER_SOURCE } from './python-worker-source';
import { attr, jsString } from './sandbox-frame';

/// The frame's policy; the blob: worker inherits it. No network beyond `base`, no navigation
/// targets, no forms, no plugins. ('unsafe-inline' is for the bootstrap below; user code never
/// runs in the frame document.)
export function pythonPolicy(base: string): string {
  const source = cspSource(base);
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline' 'wasm-unsafe-eval' blob: ${source}`,
    `connect-src ${source}`,
    'worker-src blob:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function pythonSrcdoc(base: string): string {
  const script = PYTHON_FRAME_SOURCE.replace('__BASE__', () => jsString(base)).replace('__WORKER_SOURCE__', () =>
    jsString(PYTHON_WORKER_SOURCE),
  );
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(pythonPolicy(base))}">` +
    `</head><body><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`
  );
}
