/// TypeScript: compiled in the browser by the TypeScript compiler, run in the JavaScript sandbox
/// (see ts-runner.ts). The compiler loads only when a room first uses the language.

import { javascript } from '@codemirror/lang-javascript';
import type { LanguageModule } from '../language-module';
import { TsRunner } from './ts-runner';

export const typescriptModule: LanguageModule = {
  id: 'typescript',
  editorSupport: () => javascript({ typescript: true }),
  createRunner: ({ runtimeBase }) => new TsRunner(runtimeBase),
  // The runner feeds the test's stdin to readline() itself: the code runs as written.
  stdioProgram: (code) => code,
};
