/// "Save as template" for the host: the room's current code, language and private notes become
/// a template that new interviews can start from.

import { el } from '../common/dom';
import { saveTemplate } from '../host/api';
import { createDialog } from '../ui/dialog';
import { toast } from '../ui/toast';
import type { Language } from './events-client';
import type { CodeTest } from '../tests-panel/types';

export interface TemplateSource {
  hostKey: string;
  title(): string;
  code(): string;
  language(): Language;
  notes(): string;
  /// The room's question: statement and tests (hidden ones too: only a host saves templates).
  question?(): { statement: string; tests: CodeTest[]; show_hidden_count: boolean; setup?: string };
}

export function saveTemplateButton(source: TemplateSource): HTMLButtonElement {
  const dialog = createDialog('Save as template', 'template-dialog');
  const title = el('input', { type: 'text', class: 'input', maxlength: '100', required: '', 'data-testid': 'template-title', 'aria-label': 'Template title' });
  const save = el('button', { type: 'submit', class: 'button primary', 'data-testid': 'template-save' }, 'Save');
  const form = el(
    'form',
    { class: 'template-form' },
    el('p', { class: 'muted small' }, 'Saves the question, its tests, its schema and data, the code, the language and your private notes as they are now.'),
    el('label', {}, el('span', {}, 'Title'), title),
    el('div', { class: 'template-actions' }, save),
  );
  dialog.body.append(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = title.value.trim();
    if (!chosen) return;
    save.disabled = true;
    saveTemplate(source.hostKey, { title: chosen, language: source.language(), code: source.code(), notes: source.notes(), ...source.question?.() })
      .then(
        (template) => {
          dialog.close();
          toast(`Saved the template “${template.title}”.`);
        },
        (error: unknown) => toast(`Could not save the template: ${error instanceof Error ? error.message : String(error)}`, 'error'),
      )
      .finally(() => (save.disabled = false));
  });
  const button = el('button', { type: 'button', class: 'button', 'data-testid': 'save-template', hidden: '' }, 'Save as template');
  button.addEventListener('click', () => {
    title.value = source.title().slice(0, 100);
    dialog.open();
    title.select();
  });
  return button;
}
