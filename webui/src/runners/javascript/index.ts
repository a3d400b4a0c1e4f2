/// JavaScript: the browser's own engine, in a sandboxed frame's worker (see js-runner.ts). The
/// stdin box (and a stdin test's input) feeds `readline()` / `prompt()`, then null.

import { javascript } from '@codemirror/lang-javascript';
import type { LanguageModule } from '../language-module';
import { JsRunner } from './js-runner';

export const javascriptModule: LanguageModule = {
  id: 'javascript',
  editorSupport: () => javascript(),
  createRunner: () => new JsRunner(),
  // The runner feeds the test's stdin to readline() itself: the code runs as written.
  stdioProgram: (code) => code,
};
