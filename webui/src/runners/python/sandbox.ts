/// The srcdoc of a Python runner frame: a CSP that allows nothing but the Pyodide files, the
/// base URL as data, and the frame's script (python.frame.ts) that starts the worker.

import { cspSource } from './pyodide-base';
import { attr } from '../sandbox-frame';
import frameSource from './python.frame.ts?sandbox';

/// The frame's policy; the blob: worker inherits it. No network beyond `base`, no navigation
/// targets, no forms, no plugins. ('unsafe-inline' is for the frame's script; user code never
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

export interface FrameStart {
  /// Make this engine's own snapshot instead of getting ready (python.worker.ts).
  makeSnapshot: boolean;
  /// The snapshot the page will hand over was made in this engine.
  localSnapshot: boolean;
}

export function pythonSrcdoc(base: string, start: FrameStart): string {
  // With '<' escaped, the JSON cannot end its script element.
  const config = JSON.stringify({ base, ...start }).replace(/</g, '\\u003c');
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(pythonPolicy(base))}">` +
    `</head><body><script id="runner-config" type="application/json">${config}</script>` +
    `<script>${frameSource.replace(/<\/script/gi, '<\\/script')}</script></body></html>`
  );
}
