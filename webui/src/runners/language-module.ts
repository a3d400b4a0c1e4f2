/// What one language brings to the room: its editor support and its runner. Each language lives in
/// its own folder (`runners/<language>/index.ts` exports a LanguageModule) and is listed once in
/// `runners/registry.ts`.

import type { Extension } from '@codemirror/state';
import type { Language } from '../languages/list';
import type { Runner } from './types';

export interface RunnerContext {
  /// Absolute URL (ending in `/`) the relay serves this language's runtime files from:
  /// `/runtimes/<language>/`. The runner's frame CSP allows no other source.
  runtimeBase: string;
  /// Whether this page may give runner frames cross-origin isolation (SharedArrayBuffer).
  allowIsolation: boolean;
}

export interface LanguageModule {
  readonly id: Language;
  /// Syntax highlighting and indentation for the editor.
  editorSupport(): Extension;
  /// Makes this language's runner; called the first time the room uses the language (a runner
  /// starts loading its runtime at once, so nothing loads for a language nobody uses).
  createRunner(context: RunnerContext): Runner;
  /// A stdin/stdout test's program: languages whose runner reads stdin itself return `code`;
  /// others (JavaScript) prepend what makes the input readable.
  stdioProgram(code: string, stdin: string): string;
  /// What the stdin box means in this language, as its placeholder (absent: lines for input()).
  readonly inputHint?: string;
}

/// The absolute URL of a language's runtime folder on this relay: the versioned one the relay put
/// into the page (cached for good; a new one after an upgrade), else the unversioned folder.
export function runtimeBase(language: Language): string {
  const fromRelay = document.querySelector<HTMLMetaElement>(`meta[name="interview-desk-runtime-base-${language}"]`)?.content;
  return new URL(fromRelay || `/runtimes/${language}/`, location.href).href;
}
