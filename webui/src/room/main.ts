/// The room page (`/r/{id}`): the join step, then the editor, presence, status and run panel,
/// wired together here and nowhere else.

import '../styles/base.css';
import '../styles/room.css';
import type { Awareness } from 'y-protocols/awareness';
import { el, isApple } from '../common/dom';
import { takeHostKey } from '../common/host-key';
import { initTheme, themeToggle } from '../common/theme';
import { roomIdFromPath, socketBase, joinUrlFor } from '../common/urls';
import { createEditor } from '../editor/editor';
import { bindLanguagePicker, toLanguage } from '../editor/languages';
import { mountRunPanel } from '../run/panel';
import { rememberedJoinUrl, sharePanel } from '../share/share-panel';
import { createDialog } from '../ui/dialog';
import { createHelpPanel } from '../ui/help-panel';
import { toast } from '../ui/toast';
import { ConnectionStatus } from './connection-status';
import { connectDoc } from './doc-connection';
import { EventsSocket } from './events-socket';
import { colourFor } from './identity';
import { showJoinStep } from './join';
import { PresenceList } from './presence';

initTheme();

const app = document.getElementById('app') as HTMLElement;
const roomId = roomIdFromPath();
const hostKey = takeHostKey();
const help = createHelpPanel();

const ERROR_TEXT: Record<string, string> = {
  'room-full': 'This room is full.',
  'wrong-host-key': 'The host key was not accepted; you are in the room as a candidate.',
  'rate-limited': 'Slow down: the relay is limiting messages.',
};

/// A colour nobody else in the room is using yet, if there is one.
function freeColour(awareness: Awareness, seed: string): { color: string; colorLight: string } {
  const taken = new Set<string>();
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { color?: unknown } }).user;
    if (clientId !== awareness.clientID && typeof user?.color === 'string') taken.add(user.color);
  });
  for (let i = 0; i < 8; i++) {
    const candidate = colourFor(`${seed}:${i}`);
    if (!taken.has(candidate.color)) return candidate;
  }
  return colourFor(seed);
}

function enterRoom(id: string, name: string): void {
  const title = el('h1', { class: 'room-title', 'data-testid': 'room-title' }, 'Interview');
  const select = el('select', { class: 'select', 'aria-label': 'Language' });
  const statusElement = el('div');
  const invite = el('button', { type: 'button', class: 'button', 'data-testid': 'share-button', hidden: '' }, 'Invite');
  const editorPane = el('section', { class: 'editor-pane', 'aria-label': 'Code' });
  const runContainer = el('div', { class: 'run-container' });
  const header = el(
    'header',
    { class: 'topbar' },
    el('div', { class: 'brand' }, el('span', { class: 'logo', 'aria-hidden': 'true' }, '{ }'), el('span', { class: 'brand-name' }, 'Interview Desk')),
    title,
    el('div', { class: 'spacer' }),
  );
  app.replaceChildren(header, el('main', { class: 'room' }, editorPane, el('aside', { class: 'side-pane', 'aria-label': 'Run' }, runContainer)));

  const status = new ConnectionStatus(statusElement);
  const conn = connectDoc(socketBase(), id);
  const presence = new PresenceList(conn.awareness);
  header.append(el('label', { class: 'language' }, select), presence.element, statusElement, invite, themeToggle(), help.button);

  const initial = colourFor(String(conn.doc.clientID));
  const setUser = (role: 'host' | 'candidate', participantId: string | null, colour = initial): void => {
    conn.awareness.setLocalStateField('user', { name, ...colour, role, participant_id: participantId });
  };
  setUser(hostKey ? 'host' : 'candidate', null);

  const events = new EventsSocket(`${socketBase()}/${id}/events`, () => (hostKey ? { name, host_key: hostKey } : { name }));
  const getLanguage = () => toLanguage(conn.meta.get('language'));
  const runPanel = mountRunPanel(runContainer, { events, getCode: () => conn.code.toString(), getLanguage });
  const editor = createEditor(editorPane, { text: conn.code, awareness: conn.awareness, language: getLanguage(), onRun: () => runPanel.run() });
  bindLanguagePicker(select, conn.meta, (language) => editor.setLanguage(language));

  events.on('welcome', (welcome) => {
    title.textContent = welcome.room.title || 'Interview';
    document.title = `${welcome.room.title || 'Interview'} — Interview Desk`;
    setUser(welcome.role, welcome.participant_id, freeColour(conn.awareness, welcome.participant_id));
    presence.set(welcome.participants, welcome.participant_id);
    invite.hidden = welcome.role !== 'host';
  });
  events.on('participants', ({ participants }) => presence.set(participants, events.participantId()));
  events.on('error', (error) => toast(ERROR_TEXT[error.code] ?? error.message, 'error'));
  events.onState((state) => status.set('events', state));
  conn.onState((state) => status.set('doc', state));
  status.set('events', events.state());
  status.set('doc', conn.state());
  events.connect();

  const shareDialog = createDialog('Invite a candidate', 'share-dialog');
  shareDialog.body.appendChild(sharePanel(joinUrlFor(id, rememberedJoinUrl(id))));
  invite.addEventListener('click', () => shareDialog.toggle());

  // Ctrl/Cmd-Enter runs from anywhere on the page; inside the editor its own keymap handles it.
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (isApple ? event.metaKey : event.ctrlKey) && !event.defaultPrevented) {
      event.preventDefault();
      runPanel.run();
    }
  });
  window.addEventListener('pagehide', () => events.close());

  // A read-only handle for tests and the desktop shell: the document as the editor holds it.
  Object.assign(window, {
    interviewDesk: {
      editorText: () => editor.view.state.doc.toString(),
      sharedText: () => conn.code.toString(),
      language: getLanguage,
      connection: () => status.word(),
    },
  });
  editor.focus();
}

if (!roomId) {
  app.append(el('main', { class: 'center' }, el('div', { class: 'card narrow' }, el('h1', {}, 'No such room'), el('p', { class: 'muted' }, 'Check the link you were given.'))));
} else {
  const stage = el('main', { class: 'center' });
  app.append(
    el('header', { class: 'topbar' }, el('div', { class: 'brand' }, el('span', { class: 'logo', 'aria-hidden': 'true' }, '{ }'), 'Interview Desk'), el('div', { class: 'spacer' }), themeToggle(), help.button),
    stage,
  );
  showJoinStep(stage, hostKey !== null, (name) => enterRoom(roomId, name));
}
