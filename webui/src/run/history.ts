/// The output panel's run list: one entry per run, newest first, the same in every browser.
/// Everything shown comes from other people's code or browsers, so it is set as text only.

import { el } from '../common/dom';
import { languageLabel } from '../languages/list';
import type { RunRecord } from '../room/events-client';
import { formatClock, formatDuration, STATUS_LABEL, statusOf, type RunStatus } from './status';

const MAX_ENTRIES = 200;
/// Output longer than this folds to its first lines (run.css: `.folded`), with a button to show
/// it all: an entry never clips what a run printed, and one long run does not bury the others.
const FOLD_LINES = 30;
const FOLD_CHARS = 4000;

/// One folding block of text (output or error) and its "Show all N lines" button.
interface Fold {
  pre: HTMLElement;
  button: HTMLButtonElement;
  open: boolean;
  long: boolean;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function makeFold(pre: HTMLElement, testId: string): Fold {
  const button = el('button', { type: 'button', class: 'run-fold', 'data-testid': testId, hidden: '' });
  const fold: Fold = { pre, button, open: false, long: false };
  button.addEventListener('click', () => {
    fold.open = !fold.open;
    refold(fold, true);
  });
  return fold;
}

/// Folds a block once it is long; `exact` recounts its lines (skipped while output streams in).
function refold(fold: Fold, exact: boolean): void {
  const text = fold.pre.textContent ?? '';
  if (!exact && (fold.long || (text.length <= FOLD_CHARS && text.length < FOLD_LINES))) return;
  const lines = lineCount(text);
  fold.long = !fold.pre.hidden && (lines > FOLD_LINES || text.length > FOLD_CHARS);
  fold.button.hidden = !fold.long;
  fold.pre.classList.toggle('folded', fold.long && !fold.open);
  if (!fold.long) fold.button.textContent = '';
  else fold.button.textContent = fold.open ? 'Show less' : `Show all ${lines} line${lines === 1 ? '' : 's'}`;
  fold.button.setAttribute('aria-expanded', String(fold.open));
}

interface Entry {
  element: HTMLElement;
  output: HTMLElement;
  error: HTMLElement;
  outputFold: Fold;
  errorFold: Fold;
  status: HTMLElement;
  duration: HTMLElement;
  /// Local clock when the run was announced here; durations avoid skew between machines.
  announcedAt: number | null;
  finished: boolean;
}

export type StartedRun = Pick<RunRecord, 'run_id' | 'by' | 'by_name' | 'language' | 'code' | 'started_at'>;

export class RunHistory {
  readonly element: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly entries = new Map<string, Entry>();

  constructor() {
    this.empty = el('p', { class: 'run-empty muted' }, 'No runs yet. Press Run to run the code for everyone.');
    this.element = el('div', { class: 'run-history', 'data-testid': 'output', role: 'log', 'aria-live': 'polite' }, this.empty);
  }

  /// Replaces the list with the relay's history (on every welcome).
  load(runs: RunRecord[]): void {
    for (const entry of this.entries.values()) entry.element.remove();
    this.entries.clear();
    for (const run of runs) {
      this.start(run, false);
      if (run.finished_at !== null) this.finish(run.run_id, run.output ?? '', run.error, run.finished_at - run.started_at);
    }
    this.empty.hidden = this.entries.size > 0;
  }

  start(run: StartedRun, live = true): void {
    if (this.entries.has(run.run_id)) return;
    const status = el('span', { class: 'run-status', 'data-testid': 'run-status' });
    const duration = el('span', { class: 'run-duration', 'data-testid': 'run-duration' });
    const output = el('pre', { class: 'run-output', 'data-testid': 'run-output' });
    const error = el('pre', { class: 'run-error', 'data-testid': 'run-error', hidden: '' });
    const outputFold = makeFold(output, 'run-output-fold');
    const errorFold = makeFold(error, 'run-error-fold');
    const lines = run.code.split('\n').length;
    const element = el(
      'article',
      { class: 'run-entry', 'data-testid': 'run-entry', 'data-run-id': run.run_id, 'data-language': run.language },
      el(
        'header',
        { class: 'run-meta' },
        el('span', { class: 'run-who', 'data-testid': 'run-by' }, run.by_name),
        el('span', { class: 'muted' }, ` ran ${languageLabel(run.language)}`),
        el('span', { class: 'muted', 'aria-hidden': 'true' }, '·'),
        el('time', { class: 'muted', datetime: new Date(run.started_at * 1000).toISOString() }, formatClock(run.started_at)),
        el('span', { class: 'muted', 'aria-hidden': 'true' }, '·'),
        duration,
        status,
      ),
      el('details', { class: 'run-code' }, el('summary', {}, `code (${lines} line${lines === 1 ? '' : 's'})`), el('pre', {}, run.code)),
      output,
      outputFold.button,
      error,
      errorFold.button,
    );
    const entry: Entry = { element, output, error, outputFold, errorFold, status, duration, announcedAt: live ? performance.now() : null, finished: false };
    this.setStatus(entry, 'running');
    this.entries.set(run.run_id, entry);
    this.element.insertBefore(element, this.empty.nextSibling);
    this.empty.hidden = true;
    this.trim();
  }

  /// Output of a run this browser is executing, as it is printed.
  append(runId: string, text: string): void {
    const entry = this.entries.get(runId);
    if (!entry || entry.finished) return;
    entry.output.append(text);
    refold(entry.outputFold, false);
  }

  finish(runId: string, output: string, error: string | null, seconds?: number): void {
    const entry = this.entries.get(runId);
    if (!entry || entry.finished) return;
    entry.finished = true;
    entry.element.querySelector('.run-input')?.remove();
    entry.output.textContent = output;
    entry.output.hidden = output === '' && error !== null;
    entry.error.textContent = error ?? '';
    entry.error.hidden = error === null;
    refold(entry.outputFold, true);
    refold(entry.errorFold, true);
    const elapsed = seconds ?? (entry.announcedAt === null ? null : (performance.now() - entry.announcedAt) / 1000);
    entry.duration.textContent = elapsed === null ? '' : formatDuration(elapsed);
    this.setStatus(entry, statusOf(true, error));
  }

  /// Asks for one line of input inside the run's entry (interactive `input()`).
  askInput(runId: string, answer: (line: string) => void): void {
    const entry = this.entries.get(runId);
    if (!entry || entry.finished) return;
    const field = el('input', {
      type: 'text',
      class: 'run-input-field',
      'data-testid': 'stdin-line',
      'aria-label': 'Input for the running program',
      placeholder: 'Type a line for input() and press Enter',
      autocomplete: 'off',
      spellcheck: 'false',
    });
    const form = el('form', { class: 'run-input' }, field);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      form.remove();
      answer(field.value);
    });
    entry.outputFold.button.after(form);
    field.focus();
  }

  private setStatus(entry: Entry, status: RunStatus): void {
    entry.element.dataset.status = status;
    entry.status.className = `run-status status-${status}`;
    entry.status.textContent = STATUS_LABEL[status];
  }

  private trim(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES) break;
      entry.element.remove();
      this.entries.delete(id);
    }
  }
}
