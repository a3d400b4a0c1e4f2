/// The languages the room offers, their CodeMirror support, and the shared choice in `meta`.

import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import type { Extension } from '@codemirror/state';
import type * as Y from 'yjs';
import type { Language } from '../room/events-client';

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'python', label: 'Python' },
  { id: 'javascript', label: 'JavaScript' },
];

export const DEFAULT_LANGUAGE: Language = 'python';

/// Any stored value (missing, unknown, a later language) falls back to Python.
export function toLanguage(value: unknown): Language {
  return LANGUAGES.some((l) => l.id === value) ? (value as Language) : DEFAULT_LANGUAGE;
}

export function languageSupport(language: Language): Extension {
  return language === 'javascript' ? javascript() : python();
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
