/// Runs a script statement by statement against one database, as SQLite's shell reads a file:
/// a statement that returns columns prints its table, others print nothing, and the first error
/// ends the script with SQLite's message, the line it is on and the statement's text.
/// (Worker code: uses nothing but the language, so both tsconfigs check it.)

import type { SqlDatabase, SqlStatement, SqlStatementIterator } from './sql-js-api';
import { formatTable, MAX_SHOWN_ROWS, type SqlValue } from './table-format';

/// Lines of a failing statement quoted in the error; longer ones end with `…`.
const QUOTED_LINES = 6;

export interface ScriptFailure {
  message: string;
  /// 1-based line in the script where the failing statement starts.
  line: number;
  statement: string;
}

/// Runs every statement of `script`; `print` gets each result table. Null when all ran.
export function runScript(db: SqlDatabase, script: string, print: (text: string) => void): ScriptFailure | null {
  let iterator: SqlStatementIterator;
  try {
    iterator = db.iterateStatements(script);
  } catch (error) {
    return failure(script, 0, messageOf(error));
  }
  // Where the next statement's text starts: each statement's SQL runs from the end of the last.
  let offset = 0;
  for (;;) {
    let next: IteratorResult<SqlStatement>;
    try {
      next = iterator.next();
    } catch (error) {
      return failure(script, script.length - safeRemaining(iterator, script.length - offset), messageOf(error));
    }
    if (next.done) return null;
    const statement = next.value;
    const start = offset;
    offset += statement.getSQL().length;
    try {
      const columns = statement.getColumnNames();
      const rows: SqlValue[][] = [];
      let count = 0;
      while (statement.step()) {
        if (count < MAX_SHOWN_ROWS) rows.push(statement.get(null, { useBigInt: true }));
        count += 1;
      }
      if (columns.length > 0) print(formatTable({ columns, rows, count }));
    } catch (error) {
      statement.free();
      return failure(script, start, messageOf(error));
    }
  }
}

/// The error text a run reports: `Error: <SQLite's message>`, then where it happened.
export function describeFailure(failed: ScriptFailure, where: string): string {
  const quoted = failed.statement
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `Error: ${failed.message}\n  at line ${failed.line} of ${where}:\n${quoted}`;
}

function safeRemaining(iterator: SqlStatementIterator, fallback: number): number {
  try {
    return iterator.getRemainingSQL().length;
  } catch {
    return fallback;
  }
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error: /, '');
}

function failure(script: string, from: number, message: string): ScriptFailure {
  const start = from + leadingSkip(script.slice(from));
  const line = script.slice(0, start).split('\n').length;
  return { message, line, statement: statementText(script.slice(start)) };
}

/// Whitespace and comments before a statement's first token.
function leadingSkip(text: string): number {
  const match = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/.exec(text);
  return match ? match[0].length : 0;
}

/// The statement at the start of `text`: up to its `;` outside quotes and comments, a few lines.
function statementText(text: string): string {
  let end = text.length;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '[') quote = ']';
    else if (c === '-' && text[i + 1] === '-') {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === ';') {
      end = i + 1;
      break;
    }
  }
  const lines = text.slice(0, end).trimEnd().split('\n');
  return lines.length > QUOTED_LINES ? [...lines.slice(0, QUOTED_LINES), '…'].join('\n') : lines.join('\n');
}
