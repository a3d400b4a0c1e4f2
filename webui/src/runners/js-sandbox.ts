/// The srcdoc of a JavaScript runner frame: a CSP that allows no network request at all, and the
/// bootstrap that runs each program in a worker.

import { JS_FRAME_SOURCE } from './js-frame-source';
import { JS_WORKER_SOURCE } from './js-worker-source';
import { attr, jsString } from './sandbox-frame';

/// `sandbox` alone does not stop fetch, images or sockets: this policy does. 'unsafe-inline' is
/// for the bootstrap; blob: is how the worker starts; 'unsafe-eval' is how the worker runs the
/// code it is sent (eval opens no network path: connect-src and the rest stay 'none').
export const JS_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  'worker-src blob:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

let cached: string | null = null;

export function jsSrcdoc(): string {
  if (cached !== null) return cached;
  const script = JS_FRAME_SOURCE.replace('__WORKER_SOURCE__', () => jsString(JS_WORKER_SOURCE));
  cached =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(JS_POLICY)}">` +
    `</head><body><script>${script}</script></body></html>`;
  return cached;
}
