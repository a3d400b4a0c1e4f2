/// The room's header: brand, title, host-control state, language, people, status, actions.

import { el } from '../common/dom';
import { themeToggle } from '../common/theme';

export interface RoomHeader {
  element: HTMLElement;
  title: HTMLElement;
  select: HTMLSelectElement;
  status: HTMLElement;
  stateBadge: HTMLElement;
  invite: HTMLButtonElement;
}

export function brand(): HTMLElement {
  return el('div', { class: 'brand', title: 'Interview Desk' }, el('span', { class: 'logo', 'aria-hidden': 'true' }, '{ }'), el('span', { class: 'brand-name' }, 'Interview Desk'));
}

export function roomHeader(participants: HTMLElement, help: HTMLElement, actions: HTMLElement[] = []): RoomHeader {
  const title = el('h1', { class: 'room-title', 'data-testid': 'room-title' }, 'Interview');
  const select = el('select', { class: 'select', 'aria-label': 'Language' });
  const status = el('div');
  const stateBadge = el('span', { class: 'state-badge', 'data-testid': 'room-state', hidden: '' });
  const invite = el('button', { type: 'button', class: 'button', 'data-testid': 'share-button', hidden: '' }, 'Invite');
  const element = el(
    'header',
    { class: 'topbar room-topbar' },
    brand(),
    title,
    el('div', { class: 'spacer' }),
    stateBadge,
    el('label', { class: 'language' }, select),
    participants,
    status,
    invite,
    ...actions,
    themeToggle(),
    help,
  );
  return { element, title, select, status, stateBadge, invite };
}
