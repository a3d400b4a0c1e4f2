/// Past and current interviews: open one again, show its link, fetch its transcript, delete it.

import { el, replaceChildren } from '../common/dom';
import { rememberJoinUrl, sharePanel } from '../share/share-panel';
import { deleteRoom, listRooms, transcript, type RoomSummary } from './api';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export interface PastRooms {
  element: HTMLElement;
  refresh(): Promise<void>;
}

export function pastRooms(hostKey: string, openAsHost: (roomId: string) => void, onError: (error: unknown) => void): PastRooms {
  const list = el('ul', { class: 'past-list' });
  const element = el('section', { class: 'card past', 'data-testid': 'past-rooms' }, el('h2', {}, 'Interviews'), list);

  const download = async (room: RoomSummary): Promise<void> => {
    const url = URL.createObjectURL(await transcript(hostKey, room.id));
    const link = el('a', { href: url, download: `interview-${room.id}.html` });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const item = (room: RoomSummary): HTMLElement => {
    const share = el('div', { class: 'past-share', hidden: '' });
    const open = el('button', { type: 'button', class: 'button primary', 'data-testid': 'past-open' }, 'Open');
    const link = el('button', { type: 'button', class: 'button', 'data-testid': 'past-link', 'aria-expanded': 'false' }, 'Link');
    const save = el('button', { type: 'button', class: 'button', 'data-testid': 'past-transcript' }, 'Transcript');
    const remove = el('button', { type: 'button', class: 'button danger', 'data-testid': 'past-delete' }, 'Delete');
    open.addEventListener('click', () => {
      rememberJoinUrl(room.id, room.join_url);
      openAsHost(room.id);
    });
    link.addEventListener('click', () => {
      if (!share.firstChild) share.appendChild(sharePanel(room.join_url));
      share.hidden = !share.hidden;
      link.setAttribute('aria-expanded', String(!share.hidden));
    });
    save.addEventListener('click', () => void download(room).catch(onError));
    remove.addEventListener('click', () => {
      if (!window.confirm(`Delete “${room.title || 'Untitled interview'}” and everything recorded in it?`)) return;
      void deleteRoom(hostKey, room.id).then(refresh, onError);
    });
    const people = room.participants.length ? room.participants.join(', ') : 'nobody joined yet';
    return el(
      'li',
      { class: 'past-room', 'data-testid': 'past-room', 'data-room': room.id },
      el(
        'div',
        { class: 'past-head' },
        el(
          'div',
          { class: 'past-text' },
          el('strong', {}, room.title || 'Untitled interview'),
          room.ended_at ? el('span', { class: 'badge ended' }, 'ended') : null,
          el('div', { class: 'muted small' }, `${when.format(new Date(room.created_at * 1000))} · ${room.language} · ${people}`),
        ),
        el('div', { class: 'past-actions' }, open, link, save, remove),
      ),
      share,
    );
  };

  const refresh = async (): Promise<void> => {
    const rooms = await listRooms(hostKey);
    element.hidden = rooms.length === 0;
    replaceChildren(list, ...rooms.map(item));
  };
  element.hidden = true;
  return { element, refresh };
}
