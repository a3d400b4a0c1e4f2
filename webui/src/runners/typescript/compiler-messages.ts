/// The messages between the page, the TypeScript compiler's frame and its worker. The compiler
/// reads the person's code as data and runs none of it; its output runs in the JavaScript sandbox.

import type { LineMap } from '../javascript/source-lines';

/// The compiler itself, among the runtime files.
export const COMPILER_FILE = 'lib/typescript.js';

/// The runtime files, by their name under the runtime base (`lib/typescript.js`, `lib/lib.es5.d.ts`…).
export type RuntimeFiles = Record<string, ArrayBuffer>;

export interface Compiled {
  /// The program as JavaScript, ready for the JavaScript sandbox (no module syntax left).
  code: string;
  /// Where each line of `code` came from in main.ts.
  lines: LineMap;
  /// tsc's text for syntax errors (the program cannot run), or null.
  syntaxErrors: string | null;
  /// tsc's text for type errors (the program runs anyway), or '' when there are none.
  typeErrors: string;
}

export type PageToCompiler = { type: 'files'; files: RuntimeFiles } | { type: 'compile'; id: string; code: string };

export type CompilerToPage =
  /// The frame's script runs: it can take the files now.
  | { type: 'hello' }
  /// The compiler is loaded and has read its libraries once.
  | { type: 'ready'; version: string }
  | { type: 'failed'; detail: string }
  | ({ type: 'compiled'; id: string } & Compiled);
