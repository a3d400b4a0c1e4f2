/// The question pane: the problem statement in Markdown, rendered for everyone; the host edits it
/// in a text box above the rendering (open at first, foldable) and every pause in typing sends
/// `set-question`, which the relay accepts from hosts only. Below it, the schema and data that SQL
/// runs load first (setup-block.ts).

import './question.css';
import { el } from '../common/dom';
import type { EventsSocket } from '../room/events-socket';
import type { Language } from '../languages/list';
import { renderMarkdown } from './markdown';
import { setupBlock } from './setup-block';

/// Typing pauses this long before the statement is sent (and re-rendered for everyone).
const SEND_AFTER_MS = 250;

export interface QuestionPane {
  element: HTMLElement;
  statement(): string;
  /// The schema and data every SQL run loads first ('' for none).
  setup(): string;
  setLanguage(language: Language): void;
  setRole(role: 'host' | 'candidate'): void;
  setReadOnly(readOnly: boolean): void;
}

export function questionPane(events: EventsSocket): QuestionPane {
  const rendered = el('div', { class: 'question markdown', 'data-testid': 'question' });
  const empty = el('p', { class: 'muted small question-empty' }, 'No question yet.');
  const editor = el('textarea', {
    class: 'question-edit',
    'data-testid': 'question-edit',
    spellcheck: 'true',
    rows: '5',
    maxlength: '20000',
    placeholder: '# The problem\n\nWrite the statement in Markdown: everyone sees it as you type.',
    'aria-label': 'Question statement (Markdown)',
    hidden: '',
  });
  const editButton = el('button', { type: 'button', class: 'button small', 'data-testid': 'question-edit-button', hidden: '' }, 'Edit');
  const setup = setupBlock(events);
  const element = el(
    'details',
    { class: 'question-pane', 'data-testid': 'question-pane', open: '' },
    el('summary', {}, el('strong', {}, 'Question'), el('span', { class: 'spacer' }), editButton),
    el('div', { class: 'question-body' }, editor, empty, rendered, setup.element),
  );

  let statement = '';
  let role: 'host' | 'candidate' = 'candidate';
  let readOnly = false;
  let timer: number | undefined;

  const show = (text: string): void => {
    statement = text;
    rendered.replaceChildren(renderMarkdown(text));
    empty.hidden = text.trim() !== '';
  };
  show('');

  const setEditing = (editing: boolean, focus = true): void => {
    if (editing && editor.hidden) editor.value = statement;
    editor.hidden = !editing;
    editButton.textContent = editing ? 'Hide editor' : 'Edit';
    if (editing) {
      element.open = true;
      if (focus) editor.focus();
    }
  };
  editButton.addEventListener('click', (event) => {
    event.preventDefault(); // a click in the summary would fold the pane
    setEditing(editor.hidden);
  });
  editor.addEventListener('input', () => {
    show(editor.value);
    window.clearTimeout(timer);
    timer = window.setTimeout(() => events.sendHost('set-question', { statement: editor.value }), SEND_AFTER_MS);
  });
  events.on('question', (question) => {
    setup.show(question.setup ?? '');
    // While the host types, their own text is newer than the relay's echo of it.
    if (document.activeElement === editor && !editor.hidden) return;
    show(question.statement);
    if (!editor.hidden) editor.value = question.statement;
  });

  let offered = false;
  const update = (): void => {
    const mayEdit = role === 'host' && !readOnly;
    editButton.hidden = !mayEdit;
    setup.setEditable(mayEdit);
    if (!mayEdit) setEditing(false);
    else if (!offered) setEditing(true, false); // the host starts with the editor open
    offered ||= mayEdit;
  };
  return {
    element,
    statement: () => statement,
    setup: () => setup.setup(),
    setLanguage: (language) => setup.setLanguage(language),
    setRole(next) {
      role = next;
      update();
    },
    setReadOnly(next) {
      readOnly = next;
      update();
    },
  };
}
