/// Turns one test into a program for the ordinary runner, and the runner's result into a verdict.
///
/// A stdin test is the candidate's code with the test's stdin. A function test is the code with a
/// few lines appended that evaluate the call and the expected value, compare them (`==` in Python,
/// deep equality in JavaScript) and print one marker line with a nonce. The code runs in the
/// candidate's own sandbox, so code written to fool the check could; the interviewer sees the code.

import type { Language } from '../room/events-client';
import { languageModule } from '../runners/registry';
import { TIMEOUT_PREFIX, type RunResult } from '../runners/types';
import type { CodeTest, TestStatus } from './types';

export interface CaseProgram {
  code: string;
  stdin: string;
  marker: string;
}

export interface Verdict {
  status: TestStatus;
  actual: string;
  error: string | null;
}

export function newMarker(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `@@interview-desk-test-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}@@`;
}

function pythonCheck(test: CodeTest, marker: string): string {
  return [
    '',
    'import json as __idt_json',
    `__idt_actual = (${test.call}\n)`,
    `__idt_expected = (${test.expected}\n)`,
    `print(${JSON.stringify(marker)} + __idt_json.dumps({"pass": bool(__idt_actual == __idt_expected), "actual": repr(__idt_actual)}))`,
    '',
  ].join('\n');
}

export const JS_HELPERS = `const __idtEq = (a, b) => {
  if (a === b || (a !== a && b !== b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || a instanceof Set) a = [...a]; if (b instanceof Map || b instanceof Set) b = [...b];
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && __idtEq(a[k], b[k]));
};
const __idtShow = (v) => { if (v === undefined) return 'undefined'; if (typeof v === 'function') return String(v); if (v instanceof Map || v instanceof Set) v = [...v]; try { return JSON.stringify(v) ?? String(v); } catch { return String(v); } };`;

function javascriptCheck(test: CodeTest, marker: string): string {
  return [
    '',
    ';{',
    JS_HELPERS,
    `const __idtActual = await (${test.call}\n);`,
    `const __idtExpected = (${test.expected}\n);`,
    `console.log(${JSON.stringify(marker)} + JSON.stringify({ pass: __idtEq(__idtActual, __idtExpected), actual: __idtShow(__idtActual) }));`,
    '}',
    '',
  ].join('\n');
}

/// Whether function tests can run in this language (stdin tests run in every language).
export function supportsFunctionTests(language: Language): boolean {
  return language === 'python' || language === 'javascript';
}

export function programFor(test: CodeTest, language: Language, code: string): CaseProgram {
  const marker = newMarker();
  if (test.kind === 'stdio') {
    const program = languageModule(language)?.stdioProgram(code, test.stdin) ?? code;
    return { code: program, stdin: test.stdin, marker };
  }
  const check = language === 'python' ? pythonCheck(test, marker) : javascriptCheck(test, marker);
  return { code: `${code}\n${check}`, stdin: '', marker };
}

/// Whitespace-trimmed comparison: trailing spaces on each line and blank lines at the ends.
export function trimmed(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

export function judge(test: CodeTest, program: CaseProgram, result: RunResult): Verdict {
  const lines = result.output.split('\n');
  const reportLine = lines.find((line) => line.startsWith(program.marker));
  const printed = lines.filter((line) => !line.startsWith(program.marker)).join('\n');
  if (result.error !== null) {
    const status: TestStatus = result.error.startsWith(TIMEOUT_PREFIX) ? 'timeout' : 'error';
    return { status, actual: printed, error: result.error };
  }
  if (test.kind === 'stdio') {
    const same = test.compare === 'exact' ? result.output === test.expected : trimmed(result.output) === trimmed(test.expected);
    return { status: same ? 'pass' : 'fail', actual: result.output, error: null };
  }
  if (reportLine === undefined) return { status: 'error', actual: printed, error: 'Error: the test did not finish (did the program exit early?)' };
  try {
    const report = JSON.parse(reportLine.slice(program.marker.length)) as { pass?: unknown; actual?: unknown };
    return { status: report.pass === true ? 'pass' : 'fail', actual: String(report.actual ?? ''), error: null };
  } catch {
    return { status: 'error', actual: printed, error: 'Error: the test printed an unreadable result' };
  }
}
