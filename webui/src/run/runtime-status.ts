/// The runtime status line for the room's current language: every runner the panel uses is
/// watched from the moment it is made, so that switching back to a language shows where its
/// runtime is at once ("Loading Ruby… 12.3 MB", "Ruby 3.4 ready", or why it failed).

import { languageLabel, type Language } from '../languages/list';
import { PythonRunner } from '../runners/python/runner';
import type { Runner } from '../runners/types';
import type { Controls, RuntimeState } from './controls';

interface Shown {
  state: RuntimeState;
  text: string;
}

export class RuntimeStatus {
  private language: Language = 'python';
  private readonly shown = new Map<Language, Shown>();
  private readonly failures = new Map<Language, string>();
  private readonly watched = new Set<Runner>();

  constructor(private readonly controls: Pick<Controls, 'setRuntime'>) {}

  /// The language the room uses now; `runner` is null where this build cannot run it.
  follow(language: Language, runner: Runner | null): void {
    this.language = language;
    if (runner === null) {
      this.failures.set(language, `${languageLabel(language)} is not available in this build`);
      this.show(language, { state: 'failed', text: this.failures.get(language) ?? '' });
      return;
    }
    this.watch(language, runner);
    const known = this.shown.get(language);
    if (known) this.controls.setRuntime(known.text, known.state);
  }

  /// Starts reporting a runner's states (once per runner; a runner is never replaced).
  watch(language: Language, runner: Runner): void {
    if (this.watched.has(runner)) return;
    this.watched.add(runner);
    const label = languageLabel(language);
    const failed = (detail: string): void => {
      const text = `${label} failed to load: ${detail}`;
      this.failures.set(language, text);
      this.show(language, { state: 'failed', text });
    };
    runner.onState((state, detail) => {
      if (state !== 'failed') this.failures.delete(language);
      if (state === 'loading') this.show(language, { state: 'loading', text: `Loading ${label}… ${detail}`.trim() });
      else if (state === 'failed') failed(detail);
      else if (state === 'ready') this.show(language, { state: 'ready', text: detail || `${label} ready` });
    });
    if (!this.shown.has(language)) this.show(language, { state: 'loading', text: `Loading ${label}…` });
    // A runner made before the panel listened (prewarmed) may be ready, or failed, already.
    runner.ready.then(
      () => {
        if (this.shown.get(language)?.state !== 'loading') return;
        this.show(language, { state: 'ready', text: versionOf(runner) || `${label} ready` });
      },
      (error: unknown) => failed(error instanceof Error ? error.message : String(error)),
    );
  }

  /// Why the language's runtime cannot run (it failed to load), or null.
  failure(language: Language): string | null {
    return this.failures.get(language) ?? null;
  }

  private show(language: Language, shown: Shown): void {
    this.shown.set(language, shown);
    if (language === this.language) this.controls.setRuntime(shown.text, shown.state);
  }
}

function versionOf(runner: Runner): string {
  return runner instanceof PythonRunner ? runner.capabilities.version : '';
}
