/// The languages a room can use. `desktop/languages.json` is the one list (the relay validates
/// against it too); this file gives its ids a type, and tests/unit/test_languages.py checks that
/// the two agree.

import data from '../../../desktop/languages.json';

export const LANGUAGE_IDS = ['python', 'javascript', 'typescript', 'sql', 'ruby'] as const;

export type Language = (typeof LANGUAGE_IDS)[number];

export interface LanguageInfo {
  id: Language;
  /// What the picker and the transcript call it.
  label: string;
  /// The file extension a download of the code gets.
  extension: string;
}

export const DEFAULT_LANGUAGE: Language = 'python';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGE_IDS as readonly string[]).includes(value);
}

export const LANGUAGES: readonly LanguageInfo[] = data.languages.flatMap((entry) =>
  isLanguage(entry.id) ? [{ id: entry.id, label: entry.label, extension: entry.extension }] : [],
);

export function languageLabel(language: Language): string {
  return LANGUAGES.find((entry) => entry.id === language)?.label ?? language;
}
