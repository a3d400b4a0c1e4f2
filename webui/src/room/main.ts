/// The room page (`/r/{id}`): the join step, then the editor, presence, status and run panel,
/// wired together here and nowhere else.

import '../styles/base.css';
import '../styles/room.css';
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
import type { Participant, RoomState } from './events-client';
import { EventsSocket } from './events-socket';
import { colourFor, resolveColour, type Colour } from './identity';
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

function enterRoom(id: string, name: string): void {
  const title = el('h1', { class: 'room-title', 'data-testid': 'room-title' }, 'Interview');
  const select = el('select', { class: 'select', 'aria-label': 'Language' });
  const statusElement = el('div');
  const stateBadge = el('span', { class: 'state-badge', 'data-testid': 'room-state', hidden: '' });
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
  header.append(stateBadge, el('label', { class: 'language' }, select), presence.element, statusElement, invite, themeToggle(), help.button);

  const events = new EventsSocket(`${socketBase()}/${id}/events`, () => (hostKey ? { name, host_key: hostKey } : { name }));
  const getLanguage = () => toLanguage(conn.meta.get('language'));
  const runPanel = mountRunPanel(runContainer, { events, getCode: () => conn.code.toString(), getLanguage });
  const editor = createEditor(editorPane, { text: conn.code, awareness: conn.awareness, language: getLanguage(), onRun: () => runPanel.run() });
  bindLanguagePicker(select, conn.meta, (language) => editor.setLanguage(language));

  // Awareness carries what remote cursors draw; roles shown to people come from the relay.
  let role: 'host' | 'candidate' = hostKey ? 'host' : 'candidate';
  let people: Participant[] = [];
  let colour: Colour = colourFor(String(conn.doc.clientID));
  let colourSettled = false;
  const publishUser = (): void => {
    conn.awareness.setLocalStateField('user', { name, ...colour, role, participant_id: events.participantId() });
  };
  const settleColour = (): void => {
    const self = events.participantId();
    if (!self) return;
    const next = resolveColour(colourSettled ? colour : null, self, people, conn.awareness);
    const published = (conn.awareness.getLocalState() as { user?: { participant_id?: unknown } } | null)?.user;
    colourSettled = true;
    if (next.color === colour.color && published?.participant_id === self) return;
    colour = next;
    publishUser();
  };
  publishUser();
  conn.awareness.on('change', settleColour);

  let roomState: RoomState = { locked: false, runs_disabled: false, ended: false };
  const showState = (): void => {
    const readOnly = roomState.ended || (roomState.locked && role !== 'host');
    editor.setReadOnly(readOnly);
    select.disabled = readOnly;
    const words = [roomState.ended ? 'Interview ended' : roomState.locked ? 'Editor locked' : '', !roomState.ended && roomState.runs_disabled ? 'Running off' : ''].filter(Boolean);
    stateBadge.textContent = words.join(' · ');
    stateBadge.hidden = words.length === 0;
    stateBadge.dataset.locked = String(roomState.locked);
    stateBadge.dataset.ended = String(roomState.ended);
  };

  events.on('welcome', (welcome) => {
    role = welcome.role;
    if (welcome.state) roomState = welcome.state;
    showState();
    conn.useToken(welcome.token);
    title.textContent = welcome.room.title || 'Interview';
    document.title = `${welcome.room.title || 'Interview'} — Interview Desk`;
    people = welcome.participants;
    colourSettled = false;
    publishUser();
    settleColour();
    presence.set(welcome.participants, welcome.participant_id);
    invite.hidden = welcome.role !== 'host';
  });
  events.on('room-state', (state) => {
    roomState = state;
    showState();
  });
  events.on('participants', ({ participants }) => {
    people = participants;
    presence.set(participants, events.participantId());
    settleColour();
  });
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
