/// The srcdoc of a Ruby runner frame. The frame loads nothing itself: the page hands it the
/// interpreter's bytes (wasm-bytes.ts), so its policy allows no network request at all, which also
/// shuts the `js` library's way out (`JS.global[:fetch]`, XMLHttpRequest, WebSocket,
/// importScripts): only inline script (the frame's own), blob: workers and compiling WebAssembly.
/// No 'unsafe-eval': the `js` library's `JS.eval` is refused too.

import { attr, inlineScript } from '../sandbox-frame';
import frameSource from './sandbox.frame.ts?sandbox';

export const RUBY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:",
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
