/// Ruby: CRuby 3.4 compiled to WebAssembly (ruby.wasm), in a sandboxed frame's worker (see
/// runner.ts). `gets` and `STDIN.read` read the stdin box; each run is a fresh Ruby VM.

import { StreamLanguage } from '@codemirror/language';
import { ruby } from '@codemirror/legacy-modes/mode/ruby';
import type { LanguageModule } from '../language-module';
import { RubyRunner } from './runner';

export const rubyModule: LanguageModule = {
  id: 'ruby',
  editorSupport: () => StreamLanguage.define(ruby),
  createRunner: ({ runtimeBase }) => new RubyRunner(runtimeBase),
  stdioProgram: (code) => code,
};
