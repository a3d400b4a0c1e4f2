/// The srcdoc of an SQL runner frame. The frame loads nothing itself: the page hands it sql.js
/// (runtime-files.ts), so its policy allows no network request at all, only inline script (the
/// frame's own), blob: workers and compiling WebAssembly.

import { attr } from '../sandbox-frame';
import frameSource from './sql.frame.ts?sandbox';

export const SQL_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:",
  'worker-src blob:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

let cached: string | null = null;

export function sqlSrcdoc(): string {
  cached ??=
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(SQL_POLICY)}">` +
    `</head><body><script>${frameSource.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
  return cached;
}
