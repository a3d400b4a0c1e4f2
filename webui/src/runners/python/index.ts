/// Python: Pyodide in a sandboxed frame's worker (see runner.ts).

import { python } from '@codemirror/lang-python';
import type { LanguageModule } from '../language-module';
import { pyodideBase } from './pyodide-base';
import { PythonRunner } from './runner';

export const pythonModule: LanguageModule = {
  id: 'python',
  editorSupport: () => python(),
  // Pyodide has its own route and base (`--pyodide-base`), not /runtimes/python/.
  createRunner: ({ allowIsolation }) => new PythonRunner({ base: pyodideBase(), allowIsolation }),
  stdioProgram: (code) => code,
};
