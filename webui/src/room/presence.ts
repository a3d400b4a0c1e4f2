/// Who is in the room. Names and roles come from the events socket (the relay vouches for them);
/// colours come from awareness, matched by participant id. Awareness alone could lie about roles.

import type { Awareness } from 'y-protocols/awareness';
import { el, replaceChildren } from '../common/dom';
import type { Participant } from './events-client';
import { colourFor } from './identity';

interface AwarenessUser {
  name?: unknown;
  color?: unknown;
  participant_id?: unknown;
}

export class PresenceList {
  readonly element: HTMLUListElement;
  private participants: Participant[] = [];
  private selfId: string | null = null;
  private remover: ((participant: Participant) => void) | null = null;

  private awareness: Awareness | null = null;
  private readonly rerender = (): void => this.render();

  constructor() {
    this.element = el('ul', { class: 'participants', 'data-testid': 'participants', 'aria-label': 'People in the room' });
  }

  /// Takes colours from this document's awareness (a new one after the document was rebuilt).
  follow(awareness: Awareness): void {
    this.awareness?.off('change', this.rerender);
    this.awareness = awareness;
    awareness.on('change', this.rerender);
    this.render();
  }

  /// The host may remove candidates: each of them then gets a remove button.
  allowRemoving(remover: ((participant: Participant) => void) | null): void {
    this.remover = remover;
    this.render();
  }

  set(participants: Participant[], selfId: string | null): void {
    this.participants = participants;
    this.selfId = selfId;
    this.render();
  }

  private colours(): Map<string, string> {
    const byParticipant = new Map<string, string>();
    for (const state of this.awareness?.getStates().values() ?? []) {
      // The relay's own entry, and clients that have not said who they are, carry no `user`.
      const user = (state as { user?: AwarenessUser }).user;
      if (!user || typeof user.participant_id !== 'string' || typeof user.color !== 'string') continue;
      if (/^#[0-9a-fA-F]{3,8}$/.test(user.color)) byParticipant.set(user.participant_id, user.color);
    }
    return byParticipant;
  }

  private removeButton(participant: Participant, self: boolean): HTMLElement | null {
    const remover = this.remover;
    if (!remover || self || participant.role === 'host') return null;
    const button = el('button', { type: 'button', class: 'remove', 'data-testid': 'remove-participant', 'aria-label': `Remove ${participant.name}`, title: `Remove ${participant.name} from the room` }, '×');
    button.addEventListener('click', () => {
      if (window.confirm(`Remove ${participant.name} from the room?`)) remover(participant);
    });
    return button;
  }

  private render(): void {
    const colours = this.colours();
    // Hosts first, then by arrival: the interviewer is easy to find.
    const sorted = [...this.participants].sort((a, b) => (a.role === b.role ? a.joined_at - b.joined_at : a.role === 'host' ? -1 : 1));
    const items = sorted.map((p) => {
      const colour = colours.get(p.participant_id) ?? colourFor(p.participant_id).color;
      const self = p.participant_id === this.selfId;
      const item = el(
        'li',
        {
          class: `participant${self ? ' self' : ''}`,
          'data-testid': 'participant',
          'data-participant-id': p.participant_id,
          'data-role': p.role,
          title: `${p.name} (${p.role}${self ? ', you' : ''})`,
        },
        el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(p.name)),
        el('span', { class: 'participant-name' }, p.name),
        p.role === 'host' ? el('span', { class: 'badge' }, 'host') : null,
        self ? el('span', { class: 'you' }, '(you)') : null,
        this.removeButton(p, self),
      );
      (item.firstChild as HTMLElement).style.backgroundColor = colour;
      return item;
    });
    replaceChildren(this.element, ...items);
    this.element.dataset.count = String(items.length);
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}
