/// The run panel: Run/Stop, stdin, time limit, output and run history.
/// Placeholder until the runners land; the room mounts it either way.

import type { EventsClient, Language } from '../room/events-client';

export interface RunPanelContext {
  events: EventsClient;
  getCode(): string;
  getLanguage(): Language;
}

export interface RunPanel {
  run(): void;
  stop(): void;
}

export function mountRunPanel(container: HTMLElement, _ctx: RunPanelContext): RunPanel {
  container.dataset.testid = 'output';
  return { run() {}, stop() {} };
}
