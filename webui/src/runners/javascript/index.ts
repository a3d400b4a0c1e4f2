/// JavaScript: the browser's own engine, in a sandboxed frame's worker (see js-runner.ts).

import { javascript } from '@codemirror/lang-javascript';
import type { LanguageModule } from '../language-module';
import { JsRunner } from './js-runner';

/// JavaScript has no stdin: `readline()` (and `prompt()`) return the test's lines, then null.
export function jsStdinPrelude(stdin: string): string {
  const lines = stdin === '' ? [] : stdin.replace(/\n$/, '').split('\n');
  return (
    `var __idtIn = ${JSON.stringify(lines)}; if (typeof readline !== 'function') { var readline = () => (__idtIn.length ? __idtIn.shift() : null); }` +
    ` if (typeof prompt !== 'function') { var prompt = readline; }\n`
  );
}

export const javascriptModule: LanguageModule = {
  id: 'javascript',
  editorSupport: () => javascript(),
  createRunner: () => new JsRunner(),
  stdioProgram: (code, stdin) => jsStdinPrelude(stdin) + code,
};
