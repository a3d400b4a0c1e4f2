/// The srcdoc of the TypeScript compiler's frame. The page hands the compiler over as bytes, so
/// the frame needs no network at all: scripts only from blob: (the worker, and the compiler it
/// evaluates), nothing to connect to, no navigation targets, no forms.

import { attr, inlineScript } from '../sandbox-frame';
import frameSource from './compiler.frame.ts?sandbox';

export const COMPILER_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob:",
  'worker-src blob:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

let cached: string | null = null;

export function compilerSrcdoc(): string {
  cached ??=
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${attr(COMPILER_POLICY)}">` +
    `</head><body>${inlineScript(frameSource)}</body></html>`;
  return cached;
}
