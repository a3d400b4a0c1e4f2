/// Function tests in one run: the code once, then every call in turn, each caught on its own and
/// reported on a marker line with its verdict and time. One runner start instead of one per test;
/// a test that never returns (or code that exits) ends the batch, and the tests it did not
/// report then run one by one, each with its own time limit (see run-tests.ts).

import type { Language } from '../room/events-client';
import { JS_HELPERS, newMarker } from './harness';
import type { CodeTest, TestStatus } from './types';

export interface BatchProgram {
  code: string;
  marker: string;
}

export interface BatchVerdict {
  status: TestStatus;
  actual: string;
  error: string | null;
  durationMs: number;
}

function pythonBatch(tests: CodeTest[], marker: string): string {
  const cases = tests.map((test) => `    (${JSON.stringify(test.id)}, lambda: (${test.call}\n), lambda: (${test.expected}\n)),`);
  return [
    '',
    'import json as __idt_json, time as __idt_time, traceback as __idt_tb',
    '__idt_cases = [',
    ...cases,
    ']',
    'for __idt_id, __idt_call, __idt_exp in __idt_cases:',
    '    __idt_t = __idt_time.perf_counter()',
    '    try:',
    '        __idt_a = __idt_call()',
    '        __idt_r = {"id": __idt_id, "pass": bool(__idt_a == __idt_exp()), "actual": repr(__idt_a)}',
    '    except Exception:',
    '        __idt_r = {"id": __idt_id, "error": __idt_tb.format_exc().rstrip()}',
    '    __idt_r["ms"] = (__idt_time.perf_counter() - __idt_t) * 1000',
    `    print(${JSON.stringify(marker)} + __idt_json.dumps(__idt_r), flush=True)`,
    '',
  ].join('\n');
}

function javascriptBatch(tests: CodeTest[], marker: string): string {
  const cases = tests.map((test) => `  [${JSON.stringify(test.id)}, async () => (${test.call}\n), () => (${test.expected}\n)],`);
  return [
    '',
    ';{',
    JS_HELPERS,
    'const __idtCases = [',
    ...cases,
    '];',
    'for (const [id, call, expected] of __idtCases) {',
    '  const started = performance.now();',
    '  let report;',
    '  try {',
    '    const actual = await call();',
    '    report = { id, pass: __idtEq(actual, expected()), actual: __idtShow(actual) };',
    '  } catch (error) {',
    '    report = { id, error: String((error && error.stack) || error) };',
    '  }',
    '  report.ms = performance.now() - started;',
    `  console.log(${JSON.stringify(marker)} + JSON.stringify(report));`,
    '}',
    '}',
    '',
  ].join('\n');
}

export function batchProgram(tests: CodeTest[], language: Language, code: string): BatchProgram {
  const marker = newMarker();
  const check = language === 'python' ? pythonBatch(tests, marker) : javascriptBatch(tests, marker);
  return { code: `${code}\n${check}`, marker };
}

/// The verdict of every test the batch reported, by test id.
export function readBatch(output: string, marker: string): Map<string, BatchVerdict> {
  const verdicts = new Map<string, BatchVerdict>();
  for (const line of output.split('\n')) {
    if (!line.startsWith(marker)) continue;
    try {
      const report = JSON.parse(line.slice(marker.length)) as { id?: unknown; pass?: unknown; actual?: unknown; error?: unknown; ms?: unknown };
      if (typeof report.id !== 'string') continue;
      const durationMs = typeof report.ms === 'number' ? report.ms : 0;
      if (typeof report.error === 'string') verdicts.set(report.id, { status: 'error', actual: '', error: report.error, durationMs });
      else verdicts.set(report.id, { status: report.pass === true ? 'pass' : 'fail', actual: String(report.actual ?? ''), error: null, durationMs });
    } catch {
      // A line the program itself printed that happens to start like ours: not a report.
    }
  }
  return verdicts;
}
