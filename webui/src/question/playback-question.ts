/// What playback shows of the question: the statement (and its schema and data) as they are now,
/// and every Run tests with its per-test results (hidden ones marked), each a jump to the code as
/// it was then.

import { el } from '../common/dom';
import type { SuiteRun } from '../tests-panel/types';
import { renderMarkdown } from './markdown';

export function playbackQuestion(statement: string, setup: string, runs: SuiteRun[], clock: (at: number) => string, jumpTo: (at: number) => void): HTMLElement {
  const list = el('ol', { class: 'playback-runs', 'data-testid': 'playback-test-runs' });
  for (const run of runs) {
    const jump = el('button', { type: 'button', class: 'link-button', 'data-testid': 'playback-test-run' }, clock(run.finished_at));
    jump.addEventListener('click', () => jumpTo(run.finished_at));
    const cases = el(
      'ul',
      { class: 'playback-test-cases' },
      ...run.results.map((result) =>
        el('li', { 'data-status': result.status }, `${result.status === 'pass' ? '✓' : '✗'} ${result.name || result.id}${result.hidden ? ' (hidden)' : ''} — ${result.status}`),
      ),
    );
    list.append(el('li', {}, jump, ` ${run.by_name} ran the tests: ${run.passed}/${run.total} passed`, cases));
  }
  if (runs.length === 0) list.append(el('li', { class: 'muted' }, 'No test runs.'));
  const question = el('div', { class: 'markdown playback-question', 'data-testid': 'playback-question' });
  question.append(renderMarkdown(statement));
  return el(
    'div',
    { class: 'playback-question-part' },
    el('h3', { class: 'playback-runs-title' }, 'Question'),
    statement.trim() ? question : el('p', { class: 'muted' }, 'No question.'),
    ...(setup.trim()
      ? [el('h3', { class: 'playback-runs-title' }, 'Schema and data'), el('pre', { class: 'setup-code', 'data-testid': 'playback-setup' }, setup)]
      : []),
    el('h3', { class: 'playback-runs-title' }, 'Test runs'),
    list,
  );
}
