/// The SQL worker: a classic Worker started from a blob: URL inside the sandboxed frame, whose
/// script is sql.js (from /runtimes/sql/, handed over by the page) followed by this module. It
/// runs exactly one program, in a fresh in-memory database, and is then thrown away: nothing a run
/// does (tables, ATTACHed files in sql.js's memory file system, heap limits, a heap grown by a
/// memory bomb) can reach the next one.

import { createOutput } from '../shared/output-buffer';
import { lockDownWorker } from '../shared/worker-lockdown';
import { describeFailure, runScript } from './run-script';
import type { InitSqlJs, SqlDatabase, SqlJs } from './sql-js-api';

const scope = self as unknown as DedicatedWorkerGlobalScope & { initSqlJs?: InitSqlJs };

// Captured before anything else runs. SQL cannot call JavaScript at all; the lock-down below is
// the second wall, in case a bug in sql.js ever lets it.
const post: (message: unknown) => void = scope.postMessage.bind(scope);
post({ type: 'started' });

/// SQLite may hold at most this much heap per run: `randomblob(1e9)` fails at once with "out of
/// memory" instead of growing the worker to 2 GB. A program can lower it, never raise it.
const HEAP_LIMIT_BYTES = 256 * 1024 * 1024;

async function load(wasm: WebAssembly.Module | ArrayBuffer): Promise<SqlJs> {
  const init = scope.initSqlJs;
  if (typeof init !== 'function') throw new Error('sql.js did not load');
  return init({
    instantiateWasm(imports, done) {
      const made =
        wasm instanceof WebAssembly.Module ? WebAssembly.instantiate(wasm, imports) : WebAssembly.instantiate(wasm, imports).then((result) => result.instance);
      made.then(done, (error: unknown) => post({ type: 'failed', detail: `SQLite could not start: ${String(error)}` }));
      return {};
    },
  });
}

/// The schema and data, then the input (SQL's "stdin": rows of a test's own), then the code.
function run(SQL: SqlJs, code: string, setup: string, input: string): string | null {
  const out = createOutput((text) => post({ type: 'output', text }), null, null);
  let printed = false;
  const print = (text: string): void => {
    out.write(printed ? `\n${text}` : text);
    printed = true;
    // A statement after this one may never end: what is printed so far must be on the page.
    out.flush();
  };
  let db: SqlDatabase | null = null;
  try {
    db = new SQL.Database();
    db.exec(`PRAGMA hard_heap_limit = ${HEAP_LIMIT_BYTES}`);
    // The question's schema and data, and a test's input: their own results are not output.
    for (const [script, where] of [
      [setup, 'the schema and data'],
      [input, 'the input'],
    ]) {
      if (script.trim() === '') continue;
      const failed = runScript(db, script, () => undefined);
      if (failed) return describeFailure(failed, where);
    }
    const failed = runScript(db, code, print);
    return failed ? describeFailure(failed, 'the code') : null;
  } catch (error) {
    return `Error: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    out.end();
    try {
      db?.close();
    } catch {
      // the worker is thrown away anyway
    }
  }
}

let sql: SqlJs | null = null;

scope.onmessage = (event: MessageEvent) => {
  const message = event.data as { type?: unknown; wasm?: unknown; code?: unknown; setup?: unknown; input?: unknown };
  if (message.type === 'init' && sql === null) {
    const wasm = message.wasm instanceof WebAssembly.Module || message.wasm instanceof ArrayBuffer ? message.wasm : null;
    if (wasm === null) {
      post({ type: 'failed', detail: 'no SQLite module was given' });
      return;
    }
    load(wasm).then(
      (loaded) => {
        sql = loaded;
        lockDownWorker(['importScripts', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']);
        const version = new sql.Database();
        const row = version.exec('SELECT sqlite_version()') as { values: string[][] }[];
        version.close();
        post({ type: 'ready', version: `SQLite ${row[0]?.values[0]?.[0] ?? ''}`.trim() });
      },
      (error: unknown) => post({ type: 'failed', detail: `SQLite could not start: ${String(error)}` }),
    );
  } else if (message.type === 'run' && sql !== null) {
    const started = performance.now();
    const error = run(sql, String(message.code ?? ''), String(message.setup ?? ''), String(message.input ?? ''));
    post({ type: 'done', error, elapsedMs: Math.round((performance.now() - started) * 10) / 10 });
  }
};
