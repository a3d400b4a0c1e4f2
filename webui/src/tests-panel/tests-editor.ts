/// The host's editor for the room's tests: stdin → stdout or call → value, exact or trimmed,
/// hidden or not. Save sends the whole set (`set-tests`); the relay accepts it from hosts only.

import { el } from '../common/dom';
import type { EventsSocket } from '../room/events-socket';
import { createDialog } from '../ui/dialog';
import type { CodeTest, RoomTests } from './types';

function newId(): string {
  return `t-${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function option(value: string, label: string, selected: boolean): HTMLOptionElement {
  const made = new Option(label, value);
  made.selected = selected;
  return made;
}

interface Row {
  element: HTMLElement;
  read(): CodeTest;
}

function testRow(test: CodeTest, onRemove: (row: Row) => void): Row {
  const name = el('input', { type: 'text', class: 'input', maxlength: '80', placeholder: 'Name', 'data-testid': 'test-name', 'aria-label': 'Test name' });
  name.value = test.name;
  const kind = el('select', { class: 'select', 'data-testid': 'test-kind', 'aria-label': 'Kind of test' });
  kind.append(option('stdio', 'stdin → stdout', test.kind === 'stdio'), option('function', 'call → value', test.kind === 'function'));
  const input = el('textarea', { class: 'input code', rows: '2', spellcheck: 'false', 'data-testid': 'test-input', 'aria-label': 'Input' });
  input.value = test.kind === 'function' ? test.call : test.stdin;
  const expected = el('textarea', { class: 'input code', rows: '2', spellcheck: 'false', 'data-testid': 'test-expected', 'aria-label': 'Expected' });
  expected.value = test.expected;
  const compare = el('select', { class: 'select', 'data-testid': 'test-compare', 'aria-label': 'Comparison' });
  compare.append(option('trimmed', 'trimmed', test.compare === 'trimmed'), option('exact', 'exact', test.compare === 'exact'));
  const hidden = el('input', { type: 'checkbox', 'data-testid': 'test-hidden' });
  hidden.checked = test.hidden;
  const remove = el('button', { type: 'button', class: 'icon-button', 'data-testid': 'test-remove', 'aria-label': 'Remove test' }, '✕');
  const inputLabel = el('span', { class: 'muted small' });
  const expectedLabel = el('span', { class: 'muted small' });
  const relabel = (): void => {
    const isCall = kind.value === 'function';
    inputLabel.textContent = isCall ? 'Call (e.g. two_sum([2, 7], 9))' : 'stdin';
    expectedLabel.textContent = isCall ? 'Expected value' : 'Expected stdout';
    compare.hidden = isCall;
  };
  kind.addEventListener('change', relabel);
  relabel();
  const element = el(
    'div',
    { class: 'test-row', 'data-testid': 'test-row' },
    el('div', { class: 'test-row-head' }, name, kind, compare, el('label', { class: 'small' }, hidden, ' hidden'), remove),
    el('label', { class: 'test-field' }, inputLabel, input),
    el('label', { class: 'test-field' }, expectedLabel, expected),
  );
  const row: Row = {
    element,
    read: () => {
      const isCall = kind.value === 'function';
      return {
        id: test.id,
        name: name.value.trim(),
        kind: isCall ? 'function' : 'stdio',
        stdin: isCall ? '' : input.value,
        call: isCall ? input.value : '',
        expected: expected.value,
        compare: compare.value === 'exact' ? 'exact' : 'trimmed',
        hidden: hidden.checked,
      };
    },
  };
  remove.addEventListener('click', () => onRemove(row));
  return row;
}

export interface TestsEditor {
  button: HTMLButtonElement;
  show(tests: RoomTests): void;
}

export function testsEditor(events: EventsSocket): TestsEditor {
  const dialog = createDialog('Tests', 'tests-editor');
  const list = el('div', { class: 'test-rows' });
  const add = el('button', { type: 'button', class: 'button', 'data-testid': 'test-add' }, 'Add test');
  const showCount = el('input', { type: 'checkbox', 'data-testid': 'tests-show-hidden-count' });
  const save = el('button', { type: 'button', class: 'button primary', 'data-testid': 'tests-save' }, 'Save tests');
  dialog.body.append(
    el('p', { class: 'muted small' }, 'Candidates see and run the visible tests. Hidden tests reach only interviewers and run only when an interviewer presses Run tests.'),
    list,
    el('div', { class: 'tests-editor-actions' }, add, el('label', { class: 'small' }, showCount, ' Show candidates how many hidden tests there are and how many passed'), el('span', { class: 'spacer' }), save),
  );
  dialog.element.classList.add('wide');
  let rows: Row[] = [];
  const removeRow = (row: Row): void => {
    rows = rows.filter((r) => r !== row);
    row.element.remove();
  };
  const addRow = (test: CodeTest): void => {
    const row = testRow(test, removeRow);
    rows.push(row);
    list.append(row.element);
  };
  add.addEventListener('click', () => addRow({ id: newId(), name: '', kind: 'stdio', stdin: '', call: '', expected: '', compare: 'trimmed', hidden: false }));
  save.addEventListener('click', () => {
    events.sendHost('set-tests', { tests: rows.map((row) => row.read()), show_hidden_count: showCount.checked });
    dialog.close();
  });
  const button = el('button', { type: 'button', class: 'button small', 'data-testid': 'tests-edit-button', hidden: '' }, 'Edit tests');
  let latest: RoomTests = { tests: [], show_hidden_count: false, hidden_count: null };
  button.addEventListener('click', () => {
    list.replaceChildren();
    rows = [];
    for (const test of latest.tests) addRow(test);
    showCount.checked = latest.show_hidden_count;
    dialog.open();
  });
  return {
    button,
    show: (tests) => {
      latest = tests;
    },
  };
}
