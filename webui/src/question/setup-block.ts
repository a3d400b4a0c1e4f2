/// "Schema and data" under the statement: the SQL that every run in an SQL room loads first,
/// shown to everyone (folded, highlighted) and edited by the host in a text box; every pause in
/// typing sends `set-setup`, which the relay accepts from hosts only.

import { el } from '../common/dom';
import type { Language } from '../languages/list';
import type { EventsSocket } from '../room/events-socket';
import { highlightCodeBlocks } from './highlight';

/// The relay's limit (MAX_SETUP_CHARS in desktop/protocol.py).
export const MAX_SETUP_CHARS = 32_000;
const SEND_AFTER_MS = 250;

export interface SetupBlock {
  element: HTMLElement;
  setup(): string;
  /// The relay's copy arrived (a `question` event).
  show(setup: string): void;
  setEditable(editable: boolean): void;
  setLanguage(language: Language): void;
}

export function setupBlock(events: EventsSocket): SetupBlock {
  const code = el('code', { class: 'language-sql' });
  const shown = el('pre', { class: 'setup-code', 'data-testid': 'setup' }, code);
  const editor = el('textarea', {
    class: 'question-edit setup-edit',
    'data-testid': 'setup-edit',
    spellcheck: 'false',
    rows: '6',
    maxlength: String(MAX_SETUP_CHARS),
    placeholder: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users VALUES (1, 'Ada');",
    'aria-label': 'Schema and data (SQL run before every run)',
    hidden: '',
  });
  const editButton = el('button', { type: 'button', class: 'button small', 'data-testid': 'setup-edit-button', hidden: '' }, 'Edit');
  const count = el('span', { class: 'muted small', 'data-testid': 'setup-summary' });
  const element = el(
    'details',
    { class: 'setup-block', 'data-testid': 'setup-block', hidden: '' },
    el('summary', {}, el('strong', {}, 'Schema and data'), count, el('span', { class: 'spacer' }), editButton),
    el('p', { class: 'muted small setup-note' }, 'Every SQL run (and every test) starts from a fresh database with this loaded first.'),
    editor,
    // The statement's colours for highlighted code apply inside `.markdown`.
    el('div', { class: 'markdown' }, shown),
  );

  let text = '';
  let editable = false;
  let language: Language | null = null;
  let timer: number | undefined;

  const render = (): void => {
    code.className = 'language-sql';
    code.textContent = text;
    highlightCodeBlocks(shown);
    shown.hidden = text.trim() === '';
    const statements = (text.match(/;/g) ?? []).length;
    count.textContent = text.trim() === '' ? ' (none)' : ` (${statements} statement${statements === 1 ? '' : 's'})`;
    // Everyone sees a schema there is; the host also gets the box in an SQL room to write one.
    element.hidden = text.trim() === '' && !(editable && language === 'sql');
  };
  render();

  const setEditing = (editing: boolean): void => {
    if (editing && editor.hidden) editor.value = text;
    editor.hidden = !editing;
    editButton.textContent = editing ? 'Hide editor' : 'Edit';
    if (editing) {
      element.open = true;
      editor.focus();
    }
  };
  editButton.addEventListener('click', (event) => {
    event.preventDefault(); // a click in the summary would fold the block
    setEditing(editor.hidden);
  });
  editor.addEventListener('input', () => {
    text = editor.value;
    render();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => events.sendHost('set-setup', { setup: editor.value }), SEND_AFTER_MS);
  });

  return {
    element,
    setup: () => text,
    show(next) {
      // While the host types, their own text is newer than the relay's echo of it.
      if (document.activeElement === editor && !editor.hidden) return;
      text = next;
      if (!editor.hidden) editor.value = next;
      render();
    },
    setEditable(next) {
      editable = next;
      editButton.hidden = !next;
      if (!next) setEditing(false);
      render();
    },
    setLanguage(next) {
      language = next;
      render();
    },
  };
}
