/// SQL: SQLite compiled to WebAssembly (sql.js), in a sandboxed frame's worker (see runner.ts).
/// Each run is a fresh database; the question's schema and data run first.

import { SQLite, sql } from '@codemirror/lang-sql';
import type { LanguageModule } from '../language-module';
import { SqlRunner } from './runner';

export const sqlModule: LanguageModule = {
  id: 'sql',
  editorSupport: () => sql({ dialect: SQLite, upperCaseKeywords: true }),
  createRunner: ({ runtimeBase }) => new SqlRunner(runtimeBase),
  // The runner itself runs a test's input (SQL, e.g. the test's own rows) before the code.
  stdioProgram: (code) => code,
  inputHint: 'input: SQL run after the schema and data, before the code (rows of your own)',
};
