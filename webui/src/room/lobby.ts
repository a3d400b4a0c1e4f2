/// The lobby, as each side sees it: the host's list of people waiting, with Admit and Deny;
/// the candidate's "waiting to be let in" card; and the card shown when someone is turned away.

import './lobby.css';
import { el, replaceChildren } from '../common/dom';
import type { WaitingPerson } from './events-client';
import type { EventsSocket } from './events-socket';

/// The host's panel of people waiting; hidden while nobody waits.
export function lobbyPanel(events: EventsSocket): HTMLElement {
  const list = el('ul', { class: 'lobby-list' });
  const heading = el('strong', {}, '');
  const panel = el('section', { class: 'lobby-panel', 'data-testid': 'lobby-panel', 'aria-label': 'Waiting to join', 'aria-live': 'polite', hidden: '' }, heading, list);
  const button = (label: string, testid: string, kind: string, onClick: () => void): HTMLButtonElement => {
    const node = el('button', { type: 'button', class: `button ${kind}`, 'data-testid': testid }, label);
    node.addEventListener('click', onClick);
    return node;
  };
  const render = (people: WaitingPerson[]): void => {
    heading.textContent = people.length === 1 ? '1 person is waiting to join' : `${people.length} people are waiting to join`;
    replaceChildren(
      list,
      ...people.map((person) =>
        el(
          'li',
          { class: 'lobby-person', 'data-testid': 'waiting-person' },
          el('span', { class: 'lobby-name' }, person.name),
          button('Admit', 'admit', 'primary', () => events.sendHost('admit', { waiting_id: person.waiting_id })),
          button('Deny', 'deny', 'danger', () => events.sendHost('deny', { waiting_id: person.waiting_id })),
        ),
      ),
    );
    panel.hidden = people.length === 0;
  };
  events.on('waiting', ({ waiting }) => render(waiting));
  return panel;
}

/// What a person sees instead of the editor: waiting in the lobby, or turned away.
export function doorCard(title: string, text: string, testid: string): HTMLElement {
  return el('div', { class: 'removed card narrow', 'data-testid': testid }, el('h2', {}, title), el('p', { class: 'muted' }, text));
}

export function waitingCard(): HTMLElement {
  return doorCard('Waiting to join', 'Waiting for the interviewer to let you in.', 'lobby-waiting');
}

/// The card for each reason the relay sends someone away for good.
export const TURNED_AWAY: Record<string, [string, string]> = {
  removed: ['You have left the interview', 'The interviewer removed you from this room.'],
  banned: ['You cannot rejoin', 'The interviewer removed you from this room.'],
  denied: ['You were not let in', 'The interviewer did not let you in.'],
  replaced: ['Opened in another tab', 'This room was opened again from this browser; this tab has left.'],
};
