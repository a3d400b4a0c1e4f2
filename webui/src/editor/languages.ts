/// The languages the room offers, their CodeMirror support, and the shared choice in `meta`.

import type { Extension } from '@codemirror/state';
import type * as Y from 'yjs';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../languages/list';
import { languageModule } from '../runners/registry';

export { LANGUAGES };

/// Any stored value (missing, unknown, a later language) falls back to Python.
export function toLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

export function languageSupport(language: Language): Extension {
  return languageModule(language)?.editorSupport() ?? [];
}

/// Keeps a <select> and the shared `meta.language` in step, both ways; returns the unbinding.
export function bindLanguagePicker(select: HTMLSelectElement, meta: Y.Map<unknown>, onLanguage: (language: Language) => void): () => void {
  select.dataset.testid = 'language-select';
  select.replaceChildren(...LANGUAGES.map((l) => new Option(l.label, l.id)));
  let shown: Language | null = null;
  const show = (): void => {
    const language = toLanguage(meta.get('language'));
    select.value = language;
    if (language !== shown) {
      shown = language;
      onLanguage(language);
    }
  };
  const choose = (): void => {
    const language = toLanguage(select.value);
    if (meta.get('language') !== language) meta.set('language', language);
  };
  select.addEventListener('change', choose);
  meta.observe(show);
  show();
  return () => {
    select.removeEventListener('change', choose);
    meta.unobserve(show);
  };
}
