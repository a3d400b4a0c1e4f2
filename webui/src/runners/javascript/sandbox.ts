/// The srcdoc of a JavaScript runner frame: a CSP that allows no network request at all, and the
/// frame script (sandbox.frame.ts) that runs each program in a fresh worker.

import frameSource from './sandbox.frame.ts?sandbox';
import { attr, inlineScript } from '../sandbox-frame';

/// `sandbox` alone does not stop fetch, images or sockets: this policy does. 'unsafe-inline' is
/// for the frame script; blob: is how the worker starts; 'unsafe-eval' is how the worker runs the
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
  cached ??=
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(JS_POLICY)}">` +
    `</head><body>${inlineScript(frameSource)}</body></html>`;
  return cached;
}
