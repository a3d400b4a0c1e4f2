/// The srcdoc of a Ruby runner frame. The frame loads nothing itself: the page hands it the
/// interpreter's bytes (wasm-bytes.ts), so its policy allows no network request at all, which also
/// shuts the `js` library's way out (`JS.global[:fetch]`, XMLHttpRequest, WebSocket,
/// importScripts): only inline script (the frame's own), blob: workers and compiling WebAssembly.
/// 'unsafe-eval' is for the `js` library, which makes its constants with `JS.eval` when it loads;
/// eval opens no network path (connect-src and the rest stay 'none') and reaches nothing the
/// library's own calls into JavaScript do not.

import { attr, inlineScript } from '../sandbox-frame';
import frameSource from './sandbox.frame.ts?sandbox';

export const RUBY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
  'worker-src blob:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

let cached: string | null = null;

export function rubySrcdoc(): string {
  cached ??=
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(RUBY_POLICY)}">` +
    `</head><body>${inlineScript(frameSource)}</body></html>`;
  return cached;
}
