/// One word for the room's connection: both sockets up is `connected`; while either is down it is
/// `reconnecting`, and `offline` once the browser says so or the relay has been gone a while.

import type { LinkState } from './events-socket';

export type ConnectionWord = 'connecting' | 'connected' | 'reconnecting' | 'offline';

const OFFLINE_AFTER_MS = 5000;

const LABELS: Record<ConnectionWord, string> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  offline: 'offline',
};

export class ConnectionStatus {
  private readonly links = new Map<string, LinkState>();
  private everConnected = false;
  private downSince: number | null = null;
  private timer: number | undefined;

  constructor(private readonly element: HTMLElement) {
    element.dataset.testid = 'connection-status';
    element.classList.add('status');
    element.setAttribute('role', 'status');
    element.setAttribute('aria-live', 'polite');
    window.addEventListener('online', () => this.render());
    window.addEventListener('offline', () => this.render());
    this.render();
  }

  /// Reports one socket's state under its name ("doc", "events").
  set(link: string, state: LinkState): void {
    this.links.set(link, state);
    this.render();
  }

  word(): ConnectionWord {
    const states = [...this.links.values()];
    const allUp = states.length > 0 && states.every((s) => s === 'connected');
    if (allUp) return 'connected';
    if (!navigator.onLine) return 'offline';
    if (!this.everConnected) return 'connecting';
    if (this.downSince !== null && Date.now() - this.downSince >= OFFLINE_AFTER_MS) return 'offline';
    return 'reconnecting';
  }

  private render(): void {
    const states = [...this.links.values()];
    const allUp = states.length > 0 && states.every((s) => s === 'connected');
    if (allUp) {
      this.everConnected = true;
      this.downSince = null;
      window.clearTimeout(this.timer);
    } else if (this.everConnected && this.downSince === null) {
      this.downSince = Date.now();
      this.timer = window.setTimeout(() => this.render(), OFFLINE_AFTER_MS + 50);
    }
    const word = this.word();
    // Screen readers announce every change of a live region: touch it only when the word changes.
    if (this.element.dataset.state === word) return;
    this.element.dataset.state = word;
    this.element.title =
      word === 'offline' ? 'Offline — your edits are kept and merge when the connection is back' : `Connection: ${word}`;
    this.element.replaceChildren(
      Object.assign(document.createElement('span'), { className: 'status-dot' }),
      Object.assign(document.createElement('span'), { className: 'status-word', textContent: LABELS[word] }),
    );
  }
}
