/// The tests pane: the question's tests with their latest results, Run tests (Ctrl/Cmd-Shift-Enter)
/// and the summary (`5/7 passed`). Tests run here, in the presser's runner; the relay checks the
/// report, stores it and shares it, so everyone sees the same results (candidates see no hidden
/// test: the relay never sends them one).

import './tests.css';
import { el, modKey } from '../common/dom';
import type { Language, RoomState } from '../room/events-client';
import type { EventsSocket } from '../room/events-socket';
import type { RunPanel } from '../run/panel';
import { runTests } from './run-tests';
import { testsEditor } from './tests-editor';
import type { CaseOutcome, CodeTest, RoomTests, SuiteRun, TestStatus } from './types';

/// A test's outcome as this pane shows it: from a stored run, or from the run going on here.
type Shown = Omit<Partial<CaseOutcome>, 'status'> & { status?: TestStatus | 'running' };

export interface TestsPanelContext {
  events: EventsSocket;
  runPanel: () => RunPanel;
  getCode(): string;
  getLanguage(): Language;
  /// The question's schema and data, which every SQL test run loads first.
  getSetup?(): string;
}

export interface TestsPanel {
  element: HTMLElement;
  run(): void;
  busy(): boolean;
  tests(): RoomTests;
}

const STATUS_WORD: Record<string, string> = { pass: 'passed', fail: 'failed', error: 'error', timeout: 'timed out', running: 'running', pending: 'not run' };
const STATUS_ICON: Record<string, string> = { pass: '✓', fail: '✗', error: '!', timeout: '⏱', running: '…', pending: '·' };

function block(label: string, text: string, testid: string): HTMLElement {
  return el('div', { class: 'test-detail' }, el('span', { class: 'muted small' }, label), el('pre', { 'data-testid': testid }, text));
}

function caseElement(test: CodeTest, outcome: Shown | null, isHost: boolean): HTMLElement {
  const status = outcome?.status ?? 'pending';
  const head = el(
    'summary',
    { class: 'test-case-head' },
    el('span', { class: 'test-icon', 'aria-hidden': 'true' }, STATUS_ICON[status] ?? '·'),
    el('span', { class: 'test-case-name' }, test.name || test.call || test.id),
    test.hidden && isHost ? el('span', { class: 'badge' }, 'hidden') : null,
    el('span', { class: 'spacer' }),
    el('span', { class: 'test-word', 'data-testid': 'test-status' }, STATUS_WORD[status] ?? status),
    outcome?.duration_ms !== undefined ? el('span', { class: 'muted small', 'data-testid': 'test-duration' }, `${Math.round(outcome.duration_ms)} ms`) : null,
  );
  const details = el(
    'div',
    { class: 'test-details' },
    test.kind === 'function' ? block('Call', test.call, 'test-call') : block('stdin', test.stdin || '(none)', 'test-stdin'),
    block(test.kind === 'function' ? 'Expected' : `Expected stdout (${test.compare})`, test.expected, 'test-expected'),
    outcome && outcome.status !== 'running' ? block('Actual', outcome.actual ?? '', 'test-actual') : null,
    outcome?.error ? block('Error', outcome.error, 'test-error') : null,
  );
  const open = outcome !== null && outcome.status !== 'pass' && outcome.status !== 'running';
  return el('li', { class: 'test-case', 'data-testid': 'test-case', 'data-status': status, 'data-test': test.id }, el('details', open ? { open: '' } : {}, head, details));
}

export function mountTestsPanel(ctx: TestsPanelContext): TestsPanel {
  const editor = testsEditor(ctx.events);
  const button = el('button', { type: 'button', class: 'button primary small', 'data-testid': 'tests-button', title: `Run the tests (${modKey}-Shift-Enter)` }, 'Run tests');
  const summary = el('span', { class: 'tests-summary', 'data-testid': 'tests-summary' });
  const hiddenSummary = el('span', { class: 'muted small', 'data-testid': 'tests-hidden-summary', hidden: '' });
  const byline = el('span', { class: 'muted small', 'data-testid': 'tests-by' });
  const list = el('ul', { class: 'test-cases' });
  const note = el('p', { class: 'muted small tests-note' });
  const element = el(
    'details',
    { class: 'tests-pane', 'data-testid': 'tests-pane', open: '' },
    el('summary', {}, el('strong', {}, 'Tests'), summary, hiddenSummary, el('span', { class: 'spacer' }), editor.button, button),
    el('div', { class: 'tests-body' }, byline, list, note),
  );

  let role: 'host' | 'candidate' = 'candidate';
  let state: RoomState = { locked: false, runs_disabled: false, ended: false };
  let current: RoomTests = { tests: [], show_hidden_count: false, hidden_count: null };
  let lastRun: SuiteRun | null = null;
  let local: Map<string, Shown> | null = null;

  const blockedReason = (): string | null => {
    if (state.ended) return 'The interview has ended';
    if (state.runs_disabled && role !== 'host') return 'The interviewer has turned running off';
    if (current.tests.length === 0) return 'There are no tests yet';
    return null;
  };
  const render = (): void => {
    const results = new Map<string, Shown>();
    for (const result of lastRun?.results ?? []) results.set(result.id, result);
    for (const [id, outcome] of local ?? []) results.set(id, outcome);
    list.replaceChildren(...current.tests.map((test) => caseElement(test, results.get(test.id) ?? null, role === 'host')));
    if (lastRun && !local) {
      summary.textContent = `${lastRun.passed}/${lastRun.total} passed`;
      summary.dataset.all = String(lastRun.passed === lastRun.total);
      summary.dataset.run = lastRun.test_run_id;
      byline.textContent = `Run by ${lastRun.by_name} at ${new Date(lastRun.finished_at * 1000).toLocaleTimeString()}`;
    } else {
      summary.textContent = local ? 'Running…' : '';
      byline.textContent = '';
    }
    const hidden = lastRun?.hidden_total ?? null;
    hiddenSummary.hidden = hidden === null || local !== null;
    hiddenSummary.textContent = hidden === null ? '' : `hidden: ${lastRun?.hidden_passed ?? 0}/${hidden} passed`;
    const hiddenCount = role === 'host' ? 0 : (current.hidden_count ?? 0);
    note.textContent = current.tests.length === 0 ? 'No tests yet.' : hiddenCount > 0 ? `The interviewer also has ${hiddenCount} hidden test${hiddenCount === 1 ? '' : 's'}.` : '';
    const reason = blockedReason();
    button.disabled = local !== null || reason !== null;
    button.title = reason ?? `Run the tests (${modKey}-Shift-Enter)`;
    button.textContent = local ? 'Running…' : 'Run tests';
  };
  render();
  button.addEventListener('click', (event) => {
    event.preventDefault(); // a click in the summary would fold the pane
    panel.run();
  });
  editor.button.addEventListener('click', (event) => event.preventDefault());

  ctx.events.on('welcome', (welcome) => {
    role = welcome.role;
    if (welcome.state) state = welcome.state;
    editor.button.hidden = role !== 'host';
    render();
  });
  ctx.events.on('room-state', (next) => {
    state = next;
    editor.button.disabled = next.ended;
    render();
  });
  ctx.events.on('tests', (tests) => {
    current = tests;
    editor.show(tests);
    render();
  });
  ctx.events.on('test-results', (run) => {
    lastRun = run;
    if (run.by === ctx.events.participantId()) local = null;
    render();
  });
  ctx.events.on('error', (error) => {
    // The relay refused our report (tests changed, running turned off…): nothing will come back.
    if (local && ['unknown-test', 'hidden-test', 'runs-disabled', 'interview-ended', 'too-large', 'invalid-event'].includes(error.code)) {
      local = null;
      render();
    }
  });

  const panel: TestsPanel = {
    element,
    busy: () => local !== null,
    tests: () => current,
    run() {
      const runPanel = ctx.runPanel();
      if (local || blockedReason() !== null || runPanel.busy()) return;
      const language = ctx.getLanguage();
      const runner = runPanel.runner(language);
      if (!runner) return;
      const code = ctx.getCode();
      const tests = current.tests;
      const running = new Map<string, Shown>(tests.map((test) => [test.id, { status: 'running' }]));
      local = running;
      render();
      void runTests({
        runner,
        language,
        code,
        tests,
        timeLimitMs: runPanel.timeLimitMs(),
        setup: ctx.getSetup?.() ?? '',
        onCase: (outcome) => {
          running.set(outcome.id, outcome);
          if (local === running) render();
        },
      }).then(
        (results) => {
          if (local !== running) return;
          ctx.events.send('test-results', { language, code, results });
        },
        () => {
          local = null;
          render();
        },
      );
    },
  };
  return panel;
}
