/// The keyboard shortcuts, shown in a dialog opened by the help button, F1 or `?`.

import { el, modKey } from '../common/dom';
import { createDialog, type Dialog } from './dialog';

const M = modKey;

/// Each shortcut: its alternative key combinations, and what it does.
const SHORTCUTS: [string[][], string][] = [
  [[[M, 'Enter']], 'Run the code'],
  [[[M, 'Shift', 'Enter']], 'Run the tests'],
  [[[M, 'Z']], 'Undo your own last edit (others’ edits stay)'],
  [[[M, 'Shift', 'Z'], [M, 'Y']], 'Redo your edit'],
  [[[M, 'F']], 'Search (and replace)'],
  [[[M, 'G'], [M, 'Shift', 'G']], 'Next / previous match'],
  [[[M, '/']], 'Toggle comment'],
  [[['Tab'], ['Shift', 'Tab']], 'Indent / dedent'],
  [[['Esc']], 'Then Tab: leave the editor with the keyboard'],
  [[[M, 'D']], 'Select the next occurrence'],
  [[['Alt', '↑'], ['Alt', '↓']], 'Move the line up / down'],
  [[['F1'], ['?']], 'Show this help'],
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function createHelpPanel(): { dialog: Dialog; button: HTMLButtonElement } {
  const dialog = createDialog('Keyboard shortcuts', 'help-panel');
  const rows = SHORTCUTS.map(([keys, what]) =>
    el(
      'tr',
      {},
      el('td', { class: 'keys' }, ...keys.flatMap((combo, i) => [i ? ' or ' : '', ...combo.flatMap((key, j) => [j ? '+' : '', el('kbd', {}, key)])])),
      el('td', {}, what),
    ),
  );
  dialog.body.appendChild(el('table', { class: 'shortcuts' }, el('tbody', {}, ...rows)));
  const button = el('button', { type: 'button', class: 'icon-button', 'data-testid': 'help-button', title: 'Keyboard shortcuts (F1)', 'aria-label': 'Keyboard shortcuts' }, '?');
  button.addEventListener('click', () => dialog.toggle());
  document.addEventListener('keydown', (event) => {
    if (event.key === 'F1' || (event.key === '?' && !isTyping(event.target))) {
      event.preventDefault();
      dialog.toggle();
    }
  });
  return { dialog, button };
}
