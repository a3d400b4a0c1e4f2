/// The host console (`/`): create an interview, show its join link and QR, open it as host.

import '../styles/base.css';
import '../styles/host.css';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from '../languages/list';
import { el, replaceChildren } from '../common/dom';
import { forgetHostKey, rememberHostKey, takeHostKey } from '../common/host-key';
import { initTheme, themeToggle } from '../common/theme';
import { rememberJoinUrl, sharePanel } from '../share/share-panel';
import { toast } from '../ui/toast';
import { createRoom, HostApiError, listTemplates, type CreatedRoom, type NewRoom, type Template } from './api';
import { pastRooms, type PastRooms } from './past-rooms';

initTheme();

let hostKey = takeHostKey();
const app = document.getElementById('app') as HTMLElement;

const main = el('main', { class: 'console' });
app.append(
  el(
    'header',
    { class: 'topbar' },
    el('div', { class: 'brand' }, el('span', { class: 'logo', 'aria-hidden': 'true' }, '{ }'), 'Interview Desk'),
    el('div', { class: 'spacer' }),
    themeToggle(),
  ),
  main,
);

function keyForm(message: string | null): HTMLElement {
  const input = el('input', { type: 'password', id: 'host-key', 'data-testid': 'host-key', autocomplete: 'off', placeholder: 'Host key' });
  const form = el(
    'form',
    { class: 'card narrow' },
    el('h1', {}, 'Host console'),
    el('p', { class: 'muted' }, 'This page is for the interviewer. Open it from the Interview Desk app, or with the link it printed at start-up — or paste the host key here.'),
    message ? el('p', { class: 'error', role: 'alert' }, message) : null,
    el('label', { for: 'host-key' }, 'Host key'),
    el('div', { class: 'row' }, input, el('button', { type: 'submit', class: 'button primary' }, 'Continue')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    hostKey = key;
    rememberHostKey(key);
    render();
  });
  return form;
}

function openAsHost(roomId: string): void {
  // The fragment never reaches the relay; the room page moves it into sessionStorage at once.
  location.assign(`/r/${encodeURIComponent(roomId)}#host=${encodeURIComponent(hostKey ?? '')}`);
}

function roomCard(created: CreatedRoom, title: string): HTMLElement {
  const open = el('button', { type: 'button', class: 'button primary', 'data-testid': 'open-room-button' }, 'Open room as host');
  open.addEventListener('click', () => openAsHost(created.room));
  return el(
    'section',
    { class: 'card room-card', 'data-testid': 'room-card', 'data-room': created.room },
    el('h2', {}, title || 'Untitled interview'),
    el('p', { class: 'muted' }, 'Send this link to the candidate, or let them scan the code. Anyone with the link can join.'),
    sharePanel(created.join_url),
    el('div', { class: 'actions' }, open),
  );
}

function createForm(results: HTMLElement, past: PastRooms): HTMLElement {
  const title = el('input', { type: 'text', id: 'room-title', 'data-testid': 'room-title', maxlength: '100', placeholder: 'e.g. Backend interview — Ada' });
  const template = el('select', { class: 'select', id: 'room-template', 'data-testid': 'room-template' }, new Option('Blank', ''));
  const language = el('select', { class: 'select', id: 'room-language', 'data-testid': 'room-language' }, ...LANGUAGES.map((entry) => new Option(entry.label, entry.id)));
  let templates: Template[] = [];
  template.addEventListener('change', () => {
    const chosen = templates.find((t) => t.id === template.value);
    language.disabled = chosen !== undefined;
    if (chosen) language.value = chosen.language;
  });
  if (hostKey) {
    listTemplates(hostKey)
      .then((found) => {
        templates = found;
        template.append(...found.map((t) => new Option(t.title, t.id)));
      })
      .catch(() => {
        // Templates are optional; a relay without them still creates blank rooms.
      });
  }
  const button = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'new-room-button' }, 'New interview');
  const problem = el('p', { class: 'error', role: 'alert', hidden: '' });
  const form = el(
    'form',
    { class: 'card' },
    el('h1', {}, 'Start an interview'),
    el('p', { class: 'muted' }, 'Create a room, share its link, and code together in real time. Code runs in each person’s own browser.'),
    el('label', { for: 'room-title' }, 'Title (optional)'),
    el('div', { class: 'row' }, title, button),
    el(
      'div',
      { class: 'row options' },
      el('label', { for: 'room-template' }, 'Start from'),
      template,
      el('label', { for: 'room-language' }, 'Language'),
      language,
    ),
    problem,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!hostKey) return;
    button.disabled = true;
    problem.hidden = true;
    const chosenTemplate = templates.find((t) => t.id === template.value);
    const chosenTitle = title.value.trim() || chosenTemplate?.title || '';
    const request: NewRoom = { title: title.value.trim(), language: isLanguage(language.value) ? language.value : DEFAULT_LANGUAGE };
    if (chosenTemplate) request.template = chosenTemplate.id;
    createRoom(hostKey, request)
      .then((created) => {
        rememberJoinUrl(created.room, created.join_url);
        // One card, the newest: earlier ones are in the list below (and the desktop shell's
        // "Copy join link" reads this card).
        results.replaceChildren(roomCard(created, chosenTitle));
        title.value = '';
        void past.refresh().catch(() => undefined);
      })
      .catch((error: unknown) => {
        if (error instanceof HostApiError && error.status === 401) {
          forgetHostKey();
          hostKey = null;
          render('The host key was not accepted. Check the link the app printed.');
          return;
        }
        problem.textContent = error instanceof Error ? error.message : String(error);
        problem.hidden = false;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return form;
}

function render(message: string | null = null): void {
  if (!hostKey) {
    replaceChildren(main, keyForm(message));
    return;
  }
  const results = el('div', { class: 'results' });
  const past = pastRooms(hostKey, openAsHost, showProblem);
  replaceChildren(main, createForm(results, past), results, past.element);
  past.refresh().catch(showProblem);
}

function showProblem(error: unknown): void {
  if (error instanceof HostApiError && error.status === 401) {
    forgetHostKey();
    hostKey = null;
    render('The host key was not accepted. Check the link the app printed.');
    return;
  }
  toast(error instanceof Error ? error.message : String(error), 'error');
}

render();
