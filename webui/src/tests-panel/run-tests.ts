/// Runs a question's tests one after another in this browser's ordinary runner (the same sandbox
/// as Run), each with the time limit, and collects what the relay's `test-results` carries.

import type { Language } from '../room/events-client';
import { timeoutMessage, type Runner } from '../runners/types';
import { judge, programFor, supportsFunctionTests } from './harness';
import type { CaseOutcome, CodeTest } from './types';

/// The relay takes events of up to 64 KB: what each test printed is cut to share that.
const REPORT_BUDGET_CHARS = 40_000;
const MAX_TEXT_CHARS = 4_000;
/// A run that outlives its limit by this much (a runner that missed it) is stopped from here.
const GUARD_MS = 3_000;

export interface TestRunRequest {
  runner: Runner;
  language: Language;
  code: string;
  tests: CodeTest[];
  timeLimitMs: number;
  /// Each test's outcome as soon as it is known, for the presser's own list.
  onCase(outcome: CaseOutcome): void;
}

export async function runTests(request: TestRunRequest): Promise<CaseOutcome[]> {
  const { runner, language, code, tests, timeLimitMs } = request;
  const share = Math.max(200, Math.min(MAX_TEXT_CHARS, Math.floor(REPORT_BUDGET_CHARS / Math.max(1, tests.length) / 2)));
  const outcomes: CaseOutcome[] = [];
  for (const test of tests) {
    let outcome: CaseOutcome;
    if (test.kind === 'function' && !supportsFunctionTests(language)) {
      outcome = { id: test.id, status: 'error', actual: '', error: `Error: function tests do not run in ${language}`, duration_ms: 0 };
    } else {
      const program = programFor(test, language, code);
      const started = performance.now();
      const guard = window.setTimeout(() => runner.stop(timeoutMessage(timeLimitMs)), timeLimitMs + GUARD_MS);
      const result = await runner.run(program.code, {
        stdin: program.stdin,
        timeLimitMs,
        onOutput: () => undefined,
        // A test cannot type: a program that wants more input than the test gives has failed.
        onInputRequest: () => runner.stop('EOFError: the test has no more input'),
      });
      window.clearTimeout(guard);
      const verdict = judge(test, program, result);
      outcome = {
        id: test.id,
        status: verdict.status,
        actual: cut(verdict.actual, share),
        error: verdict.error === null ? null : cut(verdict.error, share),
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      };
    }
    outcomes.push(outcome);
    request.onCase(outcome);
  }
  return outcomes;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n… trimmed`;
}
