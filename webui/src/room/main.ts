/// The room page (`/r/{id}`): the join step, then the editor, presence, status and run panel,
/// wired together here and nowhere else.

import '../styles/base.css';
import '../styles/room.css';
import { el, isApple } from '../common/dom';
import { takeHostKey } from '../common/host-key';
import { initTheme, themeToggle } from '../common/theme';
import { joinUrlFor, roomIdFromPath, socketBase } from '../common/urls';
import { questionPane } from '../question/question-pane';
import { mountRunPanel, prewarmRunners } from '../run/panel';
import { mountTestsPanel } from '../tests-panel/tests-panel';
import { rememberedJoinUrl, sharePanel } from '../share/share-panel';
import { createDialog } from '../ui/dialog';
import { createHelpPanel } from '../ui/help-panel';
import { toast } from '../ui/toast';
import { ConnectionStatus } from './connection-status';
import { DocumentSession } from './document-session';
import type { Participant, RoomState } from './events-client';
import { EventsSocket } from './events-socket';
import { browserKey, colourFor, resolveColour, type Colour } from './identity';
import { doorCard, lobbyPanel, TURNED_AWAY, waitingCard } from './lobby';
import { hostControls } from './host-controls';
import { NotesPanel } from './notes';
import { playback } from './playback';
import { showJoinStep } from './join';
import { PresenceList } from './presence';
import { brand, roomHeader } from './room-header';
import { saveTemplateButton } from './save-template';

initTheme();

const app = document.getElementById('app') as HTMLElement;
const roomId = roomIdFromPath();
const hostKey = takeHostKey();
const help = createHelpPanel();

const ERROR_TEXT: Record<string, string> = {
  'room-full': 'This room is full.',
  'wrong-host-key': 'The host key was not accepted; you are in the room as a candidate.',
  'rate-limited': 'Slow down: the relay is limiting messages.',
  removed: 'The interviewer removed you from the room.',
  banned: 'The interviewer removed you from this room.',
  denied: 'The interviewer did not let you in.',
  replaced: 'This room was opened again from this browser.',
  'in-lobby': 'Waiting for the interviewer to let you in.',
  'editor-locked': 'The interviewer locked the editor; your last edit was not kept.',
};

function enterRoom(id: string, name: string): void {
  const editorPane = el('section', { class: 'editor-pane', 'aria-label': 'Code' });
  const runContainer = el('div', { class: 'run-container' });
  const notes = new NotesPanel(socketBase(), id, () => runPanel.run());
  const browser = browserKey();
  const events = new EventsSocket(`${socketBase()}/${id}/events`, () => (hostKey ? { name, host_key: hostKey, browser } : { name, browser }));
  let session!: DocumentSession;
  const question = questionPane(events);
  const testsPanel = mountTestsPanel({ events, runPanel: () => runPanel, getCode: () => session.code(), getLanguage: () => session.language(), getSetup: () => question.setup() });
  const presence = new PresenceList();
  const controls = hostControls(events);
  // The host-only buttons stay hidden until the relay's welcome says this person is the host.
  const hostOnly: HTMLButtonElement[] = [controls.button];
  if (hostKey) {
    hostOnly.push(playback(hostKey, id).button);
    hostOnly.push(
      saveTemplateButton({
        hostKey,
        title: () => header.title.textContent ?? '',
        code: () => session.code(),
        language: () => session.language(),
        notes: () => notes.text(),
        question: () => ({
          statement: question.statement(),
          tests: testsPanel.tests().tests,
          show_hidden_count: testsPanel.tests().show_hidden_count,
          setup: question.setup(),
        }),
      }),
    );
  }
  const header = roomHeader(presence.element, help.button, hostOnly);
  app.replaceChildren(header.element, el('main', { class: 'room' }, editorPane, el('aside', { class: 'side-pane', 'aria-label': 'Run' }, question.element, testsPanel.element, notes.element, runContainer)));
  const status = new ConnectionStatus(header.status);
  app.append(lobbyPanel(events));
  const waiting = waitingCard();
  const runPanel = mountRunPanel(runContainer, {
    events,
    getCode: () => session.code(),
    getLanguage: () => session.language(),
    getSetup: () => question.setup(),
    busyElsewhere: () => testsPanel.busy(),
  });

  let role: 'host' | 'candidate' = hostKey ? 'host' : 'candidate';
  let people: Participant[] = [];
  let token: string | undefined;
  let roomState: RoomState = { locked: false, runs_disabled: false, ended: false };
  let colour: Colour = { color: '', colorLight: '' };
  let colourSettled = false;

  // Awareness carries what remote cursors draw; the roles people see come from the relay.
  const publishUser = (): void => {
    session.conn.awareness.setLocalStateField('user', { name, ...colour, role, participant_id: events.participantId() });
  };
  const settleColour = (): void => {
    const self = events.participantId();
    if (!self) return;
    const next = resolveColour(colourSettled ? colour : null, self, people, session.conn.awareness);
    const published = (session.conn.awareness.getLocalState() as { user?: { participant_id?: unknown } } | null)?.user;
    colourSettled = true;
    if (next.color === colour.color && published?.participant_id === self) return;
    colour = next;
    publishUser();
  };
  const showState = (): void => {
    const readOnly = roomState.ended || (roomState.locked && role !== 'host');
    session.editor.setReadOnly(readOnly);
    header.select.disabled = readOnly;
    const words = [roomState.ended ? 'Interview ended' : roomState.locked ? 'Editor locked' : '', !roomState.ended && roomState.runs_disabled ? 'Running off' : ''];
    header.stateBadge.textContent = words.filter(Boolean).join(' · ');
    header.stateBadge.hidden = !header.stateBadge.textContent;
    header.stateBadge.dataset.locked = String(roomState.locked);
    header.stateBadge.dataset.ended = String(roomState.ended);
    controls.show(roomState);
    notes.setReadOnly(roomState.ended);
    question.setReadOnly(roomState.ended);
  };
  const openSession = (): void => {
    session = new DocumentSession({
      pane: editorPane,
      select: header.select,
      socketBase: socketBase(),
      roomId: id,
      onRun: () => runPanel.run(),
      onState: (state) => status.set('doc', state),
      onLanguage: (language) => {
        runPanel.showLanguage(language);
        question.setLanguage(language);
      },
    });
    if (!colour.color) colour = colourFor(String(session.conn.doc.clientID));
    publishUser();
    session.conn.awareness.on('change', settleColour);
    presence.follow(session.conn.awareness);
    showState();
    if (token !== undefined || events.participantId()) session.conn.useToken(token);
  };
  openSession();

  events.on('lobby', () => {
    session.editor.view.dom.hidden = true;
    editorPane.prepend(waiting);
  });
  events.on('welcome', (welcome) => {
    waiting.remove();
    session.editor.view.dom.hidden = false;
    role = welcome.role;
    question.setRole(welcome.role);
    people = welcome.participants;
    token = welcome.token;
    if (welcome.state) roomState = welcome.state;
    showState();
    session.conn.useToken(token);
    header.title.textContent = welcome.room.title || 'Interview';
    document.title = `${welcome.room.title || 'Interview'} — Interview Desk`;
    colourSettled = false;
    publishUser();
    settleColour();
    presence.set(welcome.participants, welcome.participant_id);
    header.invite.hidden = welcome.role !== 'host';
    // The relay knows the address candidates reach; this page may be on loopback.
    if (welcome.join_url) shareDialog.body.replaceChildren(sharePanel(welcome.join_url));
    for (const button of hostOnly) button.hidden = welcome.role !== 'host';
    if (welcome.role === 'host' && welcome.token) notes.open(welcome.token);
    presence.allowRemoving(welcome.role === 'host' ? (p) => events.sendHost('remove-participant', { participant_id: p.participant_id }) : null);
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
  events.on('error', (error) => {
    toast(ERROR_TEXT[error.code] ?? error.message, 'error');
    if (error.code === 'editor-locked') {
      // Our refused edit lives only here: start over from the relay's copy.
      session.dispose();
      openSession();
    } else if (error.code in TURNED_AWAY) {
      session.dispose();
      events.close();
      const [title, text] = TURNED_AWAY[error.code];
      editorPane.replaceChildren(doorCard(title, text, 'removed'));
    }
  });
  events.onState((state) => status.set('events', state));
  status.set('events', events.state());
  events.connect();

  const shareDialog = createDialog('Invite a candidate', 'share-dialog');
  shareDialog.body.appendChild(sharePanel(joinUrlFor(id, rememberedJoinUrl(id))));
  header.invite.addEventListener('click', () => shareDialog.toggle());

  // Ctrl/Cmd-Shift-Enter runs the tests from anywhere, the editor included (hence the capture).
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter' && event.shiftKey && (isApple ? event.metaKey : event.ctrlKey)) {
        event.preventDefault();
        event.stopPropagation();
        testsPanel.run();
      }
    },
    true,
  );
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
      editorText: () => session.editor.view.state.doc.toString(),
      sharedText: () => session.code(),
      notesText: () => notes.text(),
      statement: () => question.statement(),
      language: () => session.language(),
      connection: () => status.word(),
    },
  });
  session.editor.focus();
}

if (!roomId) {
  app.append(el('main', { class: 'center' }, el('div', { class: 'card narrow' }, el('h1', {}, 'No such room'), el('p', { class: 'muted' }, 'Check the link you were given.'))));
} else {
  const stage = el('main', { class: 'center' });
  app.append(el('header', { class: 'topbar' }, brand(), el('div', { class: 'spacer' }), themeToggle(), help.button), stage);
  // Python loads while the person types their name; the run panel adopts these runners. False:
  // the page is reloading without cross-origin isolation (this engine cannot use it).
  if (prewarmRunners()) showJoinStep(stage, hostKey !== null, (name) => enterRoom(roomId, name));
}
