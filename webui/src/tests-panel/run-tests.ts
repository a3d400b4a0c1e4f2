/// Runs a question's tests in this browser's ordinary runner (the same sandbox as Run), with the
/// time limit, and collects what the relay's `test-results` carries. Function tests go first in
/// one batch; whatever it did not report (a runaway, an exit) and stdin tests run one by one.

import type { Language } from '../room/events-client';
import { timeoutMessage, type Runner, type RunResult } from '../runners/types';
import { batchProgram, readBatch } from './batch';
import { judge, programFor, supportsFunctionTests } from './harness';
import type { CaseOutcome, CodeTest } from './types';

/// The relay takes events of up to 64 KB: what each test printed is cut to share that.
const REPORT_BUDGET_CHARS = 40_000;
const MAX_TEXT_CHARS = 4_000;
/// A run that outlives its limit by this much is stopped from here: only for a runner that never
/// answers, since the wait for a runtime to load (seconds, on a busy machine) is not the program's.
const GUARD_MS = 60_000;

export interface TestRunRequest {
  runner: Runner;
  language: Language;
  code: string;
  tests: CodeTest[];
  timeLimitMs: number;
  /// The question's schema and data (SQL): loaded before each test's program.
  setup?: string;
  /// Each test's outcome as soon as it is known, for the presser's own list.
  onCase(outcome: CaseOutcome): void;
}

export async function runTests(request: TestRunRequest): Promise<CaseOutcome[]> {
  const { runner, language, code, tests, timeLimitMs } = request;
  const setup = request.setup ?? '';
  const share = Math.max(200, Math.min(MAX_TEXT_CHARS, Math.floor(REPORT_BUDGET_CHARS / Math.max(1, tests.length) / 2)));
  const done = new Map<string, CaseOutcome>();
  const report = (outcome: CaseOutcome): void => {
    const fitted = { ...outcome, actual: cut(outcome.actual, share), error: outcome.error === null ? null : cut(outcome.error, share) };
    done.set(outcome.id, fitted);
    request.onCase(fitted);
  };
  const calls = supportsFunctionTests(language) ? tests.filter((test) => test.kind === 'function') : [];
  if (calls.length > 1) {
    const program = batchProgram(calls, language, code);
    const result = await runOnce(runner, program.code, '', timeLimitMs, setup);
    for (const [id, verdict] of readBatch(result.output, program.marker)) {
      report({ id, status: verdict.status, actual: verdict.actual, error: verdict.error, duration_ms: Math.round(verdict.durationMs * 10) / 10 });
    }
  }
  for (const test of tests) {
    if (done.has(test.id)) continue;
    if (test.kind === 'function' && !supportsFunctionTests(language)) {
      report({ id: test.id, status: 'error', actual: '', error: `Error: function tests do not run in ${language}`, duration_ms: 0 });
      continue;
    }
    const program = programFor(test, language, code);
    const started = performance.now();
    const result = await runOnce(runner, program.code, program.stdin, timeLimitMs, setup);
    const verdict = judge(test, program, result);
    report({ id: test.id, ...verdict, duration_ms: Math.round((performance.now() - started) * 10) / 10 });
  }
  return tests.flatMap((test) => done.get(test.id) ?? []);
}

async function runOnce(runner: Runner, code: string, stdin: string, timeLimitMs: number, setup: string): Promise<RunResult> {
  const guard = window.setTimeout(() => runner.stop(timeoutMessage(timeLimitMs)), timeLimitMs + GUARD_MS);
  try {
    return await runner.run(code, {
      stdin,
      timeLimitMs,
      setup,
      onOutput: () => undefined,
      // A test cannot type: a program that wants more input than the test gives has failed.
      onInputRequest: () => runner.stop('EOFError: the test has no more input'),
    });
  } finally {
    window.clearTimeout(guard);
  }
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n… trimmed`;
}
