/// The host's playback of a room: the code as it was at any stored edit, a timeline with the
/// runs on it, and play at a chosen speed that skips the idle stretches.

import { el } from '../common/dom';
import { roomHistory, type HistoryRun, type HistoryUpdate, type RoomHistory } from '../host/api';
import { isLanguage, languageLabel } from '../languages/list';
import { formatClock } from '../run/status';
import { createDialog } from '../ui/dialog';
import { playbackQuestion } from '../question/playback-question';
import { Replay } from './replay';

/// Pauses longer than this (seconds of real time) are skipped when playing...
const IDLE_GAP = 2;
/// ...and take this long instead, before the speed is applied.
const IDLE_STAND_IN = 0.5;
const SPEEDS = [1, 2, 4, 8, 16, 32];

export interface Playback {
  button: HTMLButtonElement;
}

interface Loaded {
  updates: HistoryUpdate[];
  runs: HistoryRun[];
  replay: Replay;
}

export function playback(hostKey: string, roomId: string): Playback {
  const dialog = createDialog('Playback', 'playback-dialog');
  dialog.element.classList.add('playback-dialog');
  const slider = el('input', { type: 'range', min: '0', max: '0', value: '0', step: '1', class: 'playback-slider', 'data-testid': 'playback-slider', 'aria-label': 'Timeline' });
  const ticks = el('div', { class: 'playback-ticks', 'aria-hidden': 'true' });
  const time = el('span', { 'data-testid': 'playback-time' });
  const author = el('span', { class: 'playback-author', 'data-testid': 'playback-author' });
  const language = el('span', { class: 'playback-language', 'data-testid': 'playback-language' });
  const play = el('button', { type: 'button', class: 'button', 'data-testid': 'playback-play' }, 'Play');
  const speed = el('select', { class: 'select', 'data-testid': 'playback-speed', 'aria-label': 'Speed' }, ...SPEEDS.map((s) => new Option(`${s}×`, String(s))));
  const code = el('pre', { class: 'playback-code', 'data-testid': 'playback-code' });
  const runs = el('ol', { class: 'playback-runs', 'data-testid': 'playback-runs' });
  const question = el('div', { class: 'playback-question-box' });
  const message = el('p', { class: 'muted', 'data-testid': 'playback-message' }, 'Loading the history…');
  const view = el(
    'div',
    { class: 'playback', 'data-testid': 'playback-view', hidden: '' },
    el('div', { class: 'playback-timeline' }, slider, ticks),
    el('div', { class: 'playback-bar' }, play, speed, time, el('span', { class: 'muted', 'aria-hidden': 'true' }, '·'), author, el('span', { class: 'muted', 'aria-hidden': 'true' }, '·'), language),
    code,
    el('h3', { class: 'playback-runs-title' }, 'Runs'),
    runs,
    question,
  );
  dialog.body.append(message, view);

  let loaded: Loaded | null = null;
  let timer: number | undefined;
  /// Counts loads, so that a slow earlier fetch cannot replace a newer one's result.
  let generation = 0;

  const index = (): number => Number(slider.value);
  const show = (): void => {
    if (!loaded) return;
    const i = index();
    const update = loaded.updates[i];
    const state = loaded.replay.at(i + 1);
    code.textContent = state.code;
    code.dataset.language = state.language;
    language.textContent = languageLabel(state.language);
    const start = loaded.updates[0].at;
    time.textContent = `${formatClock(update.at)} (+${elapsed(update.at - start)})`;
    author.textContent = update.author ?? 'someone';
  };
  const stop = (): void => {
    window.clearTimeout(timer);
    timer = undefined;
    play.textContent = 'Play';
    play.dataset.playing = 'false';
  };
  const step = (): void => {
    if (!loaded) return;
    const i = index();
    if (i >= loaded.updates.length - 1) return stop();
    const gap = loaded.updates[i + 1].at - loaded.updates[i].at;
    const wait = (gap > IDLE_GAP ? IDLE_STAND_IN : Math.max(0, gap)) / Number(speed.value);
    timer = window.setTimeout(() => {
      slider.value = String(i + 1);
      show();
      step();
    }, wait * 1000);
  };
  play.addEventListener('click', () => {
    if (!loaded) return;
    if (timer !== undefined) return stop();
    if (index() >= loaded.updates.length - 1) slider.value = '0';
    show();
    play.textContent = 'Pause';
    play.dataset.playing = 'true';
    step();
  });
  slider.addEventListener('input', () => {
    stop();
    show();
  });

  const jumpTo = (at: number): void => {
    if (!loaded) return;
    // The last edit made before the moment: the code as it was then.
    let i = 0;
    while (i + 1 < loaded.updates.length && loaded.updates[i + 1].at <= at) i++;
    stop();
    slider.value = String(i);
    show();
  };

  const load = async (): Promise<void> => {
    stop();
    loaded?.replay.dispose();
    loaded = null;
    view.hidden = true;
    message.hidden = false;
    message.textContent = 'Loading the history…';
    const mine = ++generation;
    let history: RoomHistory;
    try {
      history = await roomHistory(hostKey, roomId);
      if (mine !== generation) return;
      if (history.updates.length === 0) {
        message.textContent = 'Nothing has been typed in this room yet.';
        return;
      }
      loaded = { updates: history.updates, runs: history.runs, replay: new Replay(history.updates.map((u) => u.update)) };
    } catch (error) {
      if (mine !== generation) return;
      message.textContent = `Could not load the history: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    const { updates } = loaded;
    const first = updates[0].at;
    slider.max = String(updates.length - 1);
    slider.value = String(updates.length - 1);
    // Ticks sit at the runs' places along the slider, which moves by update, not by time.
    const place = (at: number): number => {
      let i = 0;
      while (i + 1 < updates.length && updates[i + 1].at <= at) i++;
      return updates.length > 1 ? i / (updates.length - 1) : 0;
    };
    ticks.replaceChildren(
      ...loaded.runs.map((run) => {
        const tick = el('button', { type: 'button', class: 'playback-tick', title: `${run.by_name} ran ${labelOf(run.language)} at ${formatClock(run.started_at)}`, 'data-testid': 'playback-tick' });
        tick.style.left = `${place(run.started_at) * 100}%`;
        tick.addEventListener('click', () => jumpTo(run.started_at));
        return tick;
      }),
    );
    runs.replaceChildren(
      ...loaded.runs.map((run) => {
        const jump = el('button', { type: 'button', class: 'link-button', 'data-testid': 'playback-run', 'data-run-id': run.run_id }, `${formatClock(run.started_at)} (+${elapsed(run.started_at - first)})`);
        jump.addEventListener('click', () => jumpTo(run.started_at));
        return el('li', { 'data-testid': 'playback-run-item', 'data-language': run.language }, jump, ` ${run.by_name} ran ${labelOf(run.language)}${run.error ? ' — error' : ''}`);
      }),
    );
    if (loaded.runs.length === 0) runs.append(el('li', { class: 'muted' }, 'No runs.'));
    question.replaceChildren(playbackQuestion(history.statement, history.setup, history.test_runs, (at) => `${formatClock(at)} (+${elapsed(at - first)})`, jumpTo));
    message.hidden = true;
    view.hidden = false;
    show();
  };

  dialog.element.addEventListener('close', stop);
  const button = el('button', { type: 'button', class: 'button', 'data-testid': 'playback-button', hidden: '' }, 'Playback');
  button.addEventListener('click', () => {
    dialog.open();
    void load();
  });
  return { button };
}

/// A run's language as people call it; a language this build does not know keeps its id.
function labelOf(id: string): string {
  return isLanguage(id) ? languageLabel(id) : id;
}

function elapsed(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
