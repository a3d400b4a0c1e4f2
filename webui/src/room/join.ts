/// The join step: ask the candidate's name (remembered for next time), then enter the room.

import { el } from '../common/dom';
import { MAX_NAME_LENGTH, rememberName, rememberedName } from './identity';

export function showJoinStep(container: HTMLElement, asHost: boolean, onJoin: (name: string) => void): void {
  const input = el('input', {
    type: 'text',
    id: 'join-name',
    'data-testid': 'join-name',
    maxlength: String(MAX_NAME_LENGTH),
    autocomplete: 'name',
    placeholder: 'Your name',
    required: '',
  });
  input.value = rememberedName();
  const button = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'join-button' }, 'Join');
  const form = el(
    'form',
    { class: 'card narrow join', 'data-testid': 'join-form' },
    el('h1', {}, asHost ? 'Open the interview' : 'Join the interview'),
    el('p', { class: 'muted' }, asHost ? 'You are joining as the interviewer.' : 'Tell the others who you are. Your name is shown next to your cursor.'),
    el('label', { for: 'join-name' }, 'Name'),
    el('div', { class: 'row' }, input, button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = input.value.trim().slice(0, MAX_NAME_LENGTH);
    if (!name) {
      input.focus();
      return;
    }
    rememberName(name);
    form.remove();
    onJoin(name);
  });
  container.appendChild(form);
  queueMicrotask(() => input.focus());
}
