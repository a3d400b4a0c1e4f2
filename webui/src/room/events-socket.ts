/// The events socket (`/ws/{room}/events`): says `hello` on every (re)connect, reconnects with
/// backoff, queues outgoing events until greeted, and fans incoming events out by type.

import type { EventPayloads, EventsClient, Language } from './events-client';
import type { CaseOutcome, CodeTest } from '../tests-panel/types';

export type LinkState = 'connecting' | 'connected' | 'disconnected';

export interface Hello {
  name: string;
  host_key?: string;
  /// This browser's random key: the relay keeps one entry per browser.
  browser?: string;
}

type Handler = (payload: never) => void;

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 3000;
/// Errors after which reconnecting cannot help.
const FATAL_ERRORS = new Set(['room-full', 'banned', 'denied', 'replaced', 'lobby-full']);

export class EventsSocket implements EventsClient {
  private socket: WebSocket | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  private readonly queue: string[] = [];
  private greeted = false;
  private attempts = 0;
  private retryTimer: number | undefined;
  private closedForGood = false;
  private selfId: string | null = null;
  private linkState: LinkState = 'connecting';

  constructor(
    private readonly url: string,
    private readonly hello: () => Hello,
  ) {
    this.on('welcome', (welcome) => {
      this.selfId = welcome.participant_id;
      this.attempts = 0;
    });
    this.on('error', (error) => {
      if (FATAL_ERRORS.has(error.code)) this.close();
    });
    window.addEventListener('online', () => this.retryNow());
  }

  connect(): void {
    if (this.closedForGood || this.socket) return;
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'hello', payload: this.hello() }));
      this.greeted = true;
      this.setState('connected');
      for (const frame of this.queue.splice(0)) socket.send(frame);
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') this.dispatch(event.data);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.greeted = false;
      this.selfId = null;
      this.setState('disconnected');
      this.scheduleRetry();
    });
  }

  /// Stops for good (page leaving, or the relay said the room is full).
  close(): void {
    this.closedForGood = true;
    window.clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setState('disconnected');
  }

  send(type: 'execute-code', payload: { language: Language; code: string }): void;
  send(type: 'execution-result', payload: { run_id: string; output: string; error: string | null }): void;
  send(type: 'test-results', payload: { language: Language; code: string; results: CaseOutcome[] }): void;
  send(type: string, payload: object): void {
    const frame = JSON.stringify({ type, payload });
    if (this.socket && this.greeted && this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
    else this.queue.push(frame);
  }

  /// The host's requests (`set-controls`, `remove-participant`, `end-interview`); the relay
  /// refuses them from anyone else.
  sendHost(type: 'set-controls', payload: { locked?: boolean; runs_disabled?: boolean; lobby?: boolean }): void;
  sendHost(type: 'admit' | 'deny', payload: { waiting_id: string }): void;
  sendHost(type: 'remove-participant', payload: { participant_id: string }): void;
  sendHost(type: 'end-interview', payload: Record<string, never>): void;
  sendHost(type: 'set-question', payload: { statement: string }): void;
  sendHost(type: 'set-tests', payload: { tests: CodeTest[]; show_hidden_count: boolean }): void;
  sendHost(type: 'set-setup', payload: { setup: string }): void;
  sendHost(type: string, payload: object): void {
    (this.send as (type: string, payload: object) => void)(type, payload);
  }

  on<K extends keyof EventPayloads>(type: K, handler: (payload: EventPayloads[K]) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    const stored = handler as Handler;
    set.add(stored);
    return () => set.delete(stored);
  }

  participantId(): string | null {
    return this.selfId;
  }

  state(): LinkState {
    return this.linkState;
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private dispatch(data: string): void {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || typeof payload !== 'object' || payload === null) return;
    for (const handler of [...(this.handlers.get(type) ?? [])]) {
      try {
        (handler as (payload: unknown) => void)(payload);
      } catch (error) {
        console.error(`events: handler for ${type} failed`, error);
      }
    }
  }

  private setState(state: LinkState): void {
    if (state === this.linkState) return;
    this.linkState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private scheduleRetry(): void {
    if (this.closedForGood) return;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempts);
    this.attempts += 1;
    // Jitter so a room full of tabs does not reconnect in lockstep after a relay restart.
    this.retryTimer = window.setTimeout(() => this.connect(), delay * (0.75 + Math.random() * 0.5));
  }

  private retryNow(): void {
    if (this.closedForGood || this.socket) return;
    window.clearTimeout(this.retryTimer);
    this.attempts = 0;
    this.connect();
  }
}
