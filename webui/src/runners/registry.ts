/// Every language's module, once. Adding a language is its folder plus one line here (and its
/// entry in desktop/languages.json).

import type { Language } from '../languages/list';
import { javascriptModule } from './javascript';
import type { LanguageModule } from './language-module';
import { pythonModule } from './python';
import { rubyModule } from './ruby';
import { sqlModule } from './sql';
import { typescriptModule } from './typescript';

const MODULES: Partial<Record<Language, LanguageModule>> = {
  python: pythonModule,
  javascript: javascriptModule,
  ruby: rubyModule,
  sql: sqlModule,
  typescript: typescriptModule,
};

/// The module of a language, or null while that language has none in this build.
export function languageModule(language: Language): LanguageModule | null {
  return MODULES[language] ?? null;
}
