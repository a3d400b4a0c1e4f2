/// The run panel's controls: Run, Stop, the time limit, the stdin box and the runtime's status.

import { el, modKey } from '../common/dom';
import { readItem, writeItem } from '../common/storage';

const TIME_LIMIT_KEY = 'interview-desk.time-limit-seconds';
const DEFAULT_SECONDS = 10;
const MAX_SECONDS = 600;
const DEFAULT_INPUT_HINT = 'stdin: lines for input(), one per call';

export interface Controls {
  element: HTMLElement;
  stdin(): string;
  timeLimitMs(): number;
  setRunning(running: boolean): void;
  /// Why Run is unavailable (running turned off, interview ended), or null.
  setBlocked(reason: string | null): void;
  /// The runtime status line: a progress bar while it loads, a short word once ready, the reason
  /// when it failed. `data-state` on `runner-status` is the state: loading, ready or failed.
  setRuntime(text: string, state: RuntimeState): void;
  /// A line under the toolbar saying why the last Run did not run, or nothing.
  setNotice(text: string | null): void;
  /// The stdin box's placeholder: what its text means in the room's language (null: the default).
  setInputHint(text: string | null): void;
}

export type RuntimeState = 'loading' | 'ready' | 'failed';

export function createControls(onRun: () => void, onStop: () => void): Controls {
  const runButton = el('button', { type: 'button', class: 'button primary', 'data-testid': 'run-button', title: `Run for everyone (${modKey}-Enter)` }, 'Run');
  const stopButton = el('button', { type: 'button', class: 'button', 'data-testid': 'stop-button', disabled: '' }, 'Stop');
  const stored = Number(readItem('local', TIME_LIMIT_KEY));
  const limit = el('input', {
    type: 'number',
    class: 'run-limit',
    'data-testid': 'time-limit',
    min: '1',
    max: String(MAX_SECONDS),
    step: '1',
    value: String(stored >= 1 && stored <= MAX_SECONDS ? stored : DEFAULT_SECONDS),
    'aria-label': 'Time limit in seconds',
  });
  const stdin = el('textarea', {
    class: 'run-stdin',
    'data-testid': 'stdin',
    rows: '2',
    spellcheck: 'false',
    placeholder: DEFAULT_INPUT_HINT,
    'aria-label': 'Standard input',
  });
  const progress = el('progress', { class: 'run-progress', 'aria-label': 'Loading the runtime' });
  const runtimeText = el('span', { class: 'run-runtime-text' });
  const runtime = el('div', { class: 'run-runtime muted', 'data-testid': 'runner-status', role: 'status' }, progress, runtimeText);

  const notice = el('p', { class: 'run-notice', 'data-testid': 'run-notice', role: 'alert', hidden: '' });

  runButton.addEventListener('click', onRun);
  stopButton.addEventListener('click', onStop);
  limit.addEventListener('change', () => {
    const seconds = Math.min(MAX_SECONDS, Math.max(1, Math.round(Number(limit.value) || DEFAULT_SECONDS)));
    limit.value = String(seconds);
    writeItem('local', TIME_LIMIT_KEY, String(seconds));
  });

  let isRunning = false;
  let blocked: string | null = null;
  const runTitle = runButton.title;
  const element = el(
    'div',
    { class: 'run-controls' },
    el('div', { class: 'run-toolbar' }, runButton, stopButton, el('label', { class: 'run-limit-label muted' }, 'Limit ', limit, ' s'), runtime),
    notice,
    stdin,
  );
  return {
    element,
    stdin: () => stdin.value,
    timeLimitMs: () => Math.min(MAX_SECONDS, Math.max(1, Number(limit.value) || DEFAULT_SECONDS)) * 1000,
    setRunning(running) {
      isRunning = running;
      runButton.disabled = running || blocked !== null;
      stopButton.disabled = !running;
      element.dataset.running = String(running);
    },
    setBlocked(reason) {
      blocked = reason;
      runButton.disabled = isRunning || reason !== null;
      runButton.title = reason ?? runTitle;
    },
    setRuntime(text, state) {
      progress.hidden = state !== 'loading';
      if (state === 'loading') progress.setAttribute('aria-label', text);
      runtimeText.textContent = text;
      runtime.title = text;
      runtime.dataset.state = state;
    },
    setNotice(text) {
      notice.textContent = text ?? '';
      notice.hidden = text === null;
    },
    setInputHint(text) {
      stdin.placeholder = text ?? DEFAULT_INPUT_HINT;
    },
  };
}
