/// The part of sql.js (1.17) the worker uses, typed here: the package ships no declarations, and
/// its script is loaded at run time from /runtimes/sql/, never bundled.

import type { SqlValue } from './table-format';

export interface SqlStatement {
  getColumnNames(): string[];
  step(): boolean;
  get(params: null, config: { useBigInt: true }): SqlValue[];
  /// The statement's own text, from where the previous one ended up to its end.
  getSQL(): string;
  free(): boolean;
}

export interface SqlStatementIterator extends Iterator<SqlStatement> {
  /// After an error: the text from the statement that failed to the end.
  getRemainingSQL(): string;
}

export interface SqlDatabase {
  exec(sql: string): unknown;
  iterateStatements(sql: string): SqlStatementIterator & Iterable<SqlStatement>;
  close(): void;
}

export interface SqlJs {
  Database: new () => SqlDatabase;
}

/// Emscripten's hook for instantiating the WebAssembly ourselves (from a compiled module).
export interface SqlJsConfig {
  instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void): object;
}

export type InitSqlJs = (config: SqlJsConfig) => Promise<SqlJs>;
