/// The interviewer's controls in the room: lock the editor for candidates, turn running off,
/// hold newcomers in a lobby, end the interview, remove someone. The relay enforces them; this only asks.

import { el } from '../common/dom';
import { createDialog } from '../ui/dialog';
import type { RoomState } from './events-client';
import type { EventsSocket } from './events-socket';

export interface HostControls {
  button: HTMLButtonElement;
  show(state: RoomState): void;
}

function toggle(label: string, testid: string, hint: string): { row: HTMLElement; input: HTMLInputElement } {
  const input = el('input', { type: 'checkbox', 'data-testid': testid });
  const row = el('label', { class: 'control-row' }, input, el('span', {}, el('strong', {}, label), el('span', { class: 'muted small' }, hint)));
  return { row, input };
}

export function hostControls(events: EventsSocket): HostControls {
  const dialog = createDialog('Interview controls', 'controls-dialog');
  const lock = toggle('Lock the editor', 'control-lock', 'Candidates can read but not type; you still can.');
  const runs = toggle('Turn running off', 'control-runs', 'Candidates cannot run code; you still can.');
  const lobby = toggle('Lobby', 'control-lobby', 'New candidates wait until you admit them.');
  const end = el('button', { type: 'button', class: 'button danger', 'data-testid': 'control-end' }, 'End interview');
  const ended = el('p', { class: 'muted', hidden: '' }, 'This interview has ended: the code is read-only for everyone.');
  dialog.body.append(
    lock.row,
    runs.row,
    lobby.row,
    el('div', { class: 'control-end' }, el('div', { class: 'muted small' }, 'Ending makes the room read-only for everyone, for good.'), end),
    ended,
  );
  lock.input.addEventListener('change', () => events.sendHost('set-controls', { locked: lock.input.checked }));
  runs.input.addEventListener('change', () => events.sendHost('set-controls', { runs_disabled: runs.input.checked }));
  lobby.input.addEventListener('change', () => events.sendHost('set-controls', { lobby: lobby.input.checked }));
  end.addEventListener('click', () => {
    if (window.confirm('End the interview? Nobody will be able to edit or run code in this room again.')) events.sendHost('end-interview', {});
  });
  const button = el('button', { type: 'button', class: 'button', 'data-testid': 'controls-button', hidden: '' }, 'Controls');
  button.addEventListener('click', () => dialog.toggle());
  return {
    button,
    show: (state) => {
      lock.input.checked = state.locked;
      runs.input.checked = state.runs_disabled;
      lobby.input.checked = state.lobby ?? false;
      for (const input of [lock.input, runs.input, lobby.input]) input.disabled = state.ended;
      end.disabled = state.ended;
      ended.hidden = !state.ended;
    },
  };
}
