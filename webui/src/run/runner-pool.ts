/// One runner per language for this browser. Python starts loading as soon as the room opens so
/// that the first Run is fast; JavaScript keeps a warm frame.

import type { Language } from '../languages/list';
import { dropIsolation, isolationRefused, isolationUsable, WorkerStartError } from '../runners/isolation';
import { runtimeBase, type RunnerContext } from '../runners/language-module';
import { pyodideBase } from '../runners/python/pyodide-base';
import { PythonRunner } from '../runners/python/runner';
import { languageModule } from '../runners/registry';
import type { Runner } from '../runners/types';

/// `?runner-isolation=off` makes the relay serve the page without isolation, as for a candidate
/// on plain HTTP: Stop removes the frame and a spare takes over. Set by the page itself where the
/// engine cannot use isolation; also for tests and the benchmark.
export function isolationAllowed(): boolean {
  return !isolationRefused();
}

export class RunnerPool {
  readonly python: PythonRunner;
  private readonly others = new Map<Language, Runner>();
  /// Once the room uses these runners, a reload would throw the person out: no more retries.
  adopted = false;

  constructor() {
    this.python = new PythonRunner({ base: pyodideBase(), allowIsolation: isolationAllowed() });
    // On two cores, a JavaScript frame starting next to Python slows the first Python run:
    // warm it once Python is ready (or failed); a JavaScript run before that makes it at once.
    const warm = (): void => void this.get('javascript');
    this.python.ready.then(warm, (error: unknown) => {
      // The worker could not even start: this engine cannot run workers under isolation.
      if (error instanceof WorkerStartError && !this.adopted && dropIsolation()) return;
      warm();
    });
  }

  /// The runner of a language, made (and its runtime loaded) the first time it is asked for;
  /// null for a language this build cannot run.
  get(language: Language): Runner | null {
    if (language === 'python') return this.python;
    const made = this.others.get(language);
    if (made) return made;
    const module = languageModule(language);
    if (!module) return null;
    const context: RunnerContext = { runtimeBase: runtimeBase(language), allowIsolation: isolationAllowed() };
    const runner = module.createRunner(context);
    this.others.set(language, runner);
    return runner;
  }

  /// Every runner made so far (Stop reaches whichever is running).
  started(): Runner[] {
    return [this.python, ...this.others.values()];
  }

  dispose(): void {
    for (const runner of this.started()) runner.dispose();
  }
}

let early: RunnerPool | null = null;

/// Starts the runners before the room is entered (while the person types their name), so that
/// Python is ready sooner after they join. Call once on the room page; the panel adopts them.
/// Returns false when the page is reloading instead (isolated, but no SharedArrayBuffer: WebKit).
export function prewarmRunners(): boolean {
  if (!isolationUsable() && dropIsolation()) return false;
  early ??= new RunnerPool();
  return true;
}

/// The prewarmed runners if there are any, else new ones.
export function takeRunnerPool(): RunnerPool {
  const pool = early ?? new RunnerPool();
  pool.adopted = true;
  early = null;
  return pool;
}
