/// A runner's `onState` listeners (the run panel's progress line, the runtime status).

import type { RunnerState } from '../types';

export type StateListener = (state: RunnerState, detail: string) => void;

export class StateListeners {
  private readonly listeners = new Set<StateListener>();

  /// Adds `listener`; the function returned removes it.
  add(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(state: RunnerState, detail: string): void {
    for (const listener of this.listeners) listener(state, detail);
  }
}
