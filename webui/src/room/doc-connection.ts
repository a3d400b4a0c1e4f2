/// The shared document: a Y.Doc synced with the relay over `/ws/{room}/doc` (y-websocket).
/// The provider reconnects by itself; edits made while offline merge when it is back.

import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import type { LinkState } from './events-socket';
import { guardAwareness } from '../editor/safe-presence';

export interface DocConnection {
  doc: Y.Doc;
  code: Y.Text;
  meta: Y.Map<unknown>;
  awareness: Awareness;
  provider: WebsocketProvider;
  state(): LinkState;
  onState(listener: (state: LinkState) => void): void;
  /// Connects (or reconnects) as the participant the events socket's `welcome` named.
  useToken(token: string | undefined): void;
  /// Leaves the room and frees the document (it is not reused afterwards).
  destroy(): void;
}

export function connectDoc(socketBase: string, roomId: string): DocConnection {
  const doc = new Y.Doc();
  // BroadcastChannel would let same-browser tabs sync around the relay and hide an outage.
  const provider = new WebsocketProvider(socketBase, `${roomId}/doc`, doc, {
    disableBc: true,
    maxBackoffTime: 2000,
    // Waits for the events socket's `welcome`: its token tells the relay whose edits these are.
    connect: false,
  });
  // Before the editor or the people list can read a state: colours end up in style attributes.
  guardAwareness(provider.awareness);
  const listeners = new Set<(state: LinkState) => void>();
  let current: LinkState = 'connecting';
  const update = (): void => {
    const next: LinkState = provider.wsconnected && provider.synced ? 'connected' : provider.wsconnecting ? 'connecting' : 'disconnected';
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener(next);
  };
  provider.on('status', update);
  provider.on('sync', update);
  // Tell the others at once that this cursor is gone, rather than after the 30 s timeout.
  const leave = (): void => removeAwarenessStates(provider.awareness, [doc.clientID], 'page hidden');
  let started = false;
  const online = (): void => {
    if (started && !provider.wsconnected) provider.connect();
  };
  window.addEventListener('pagehide', leave);
  window.addEventListener('online', online);
  return {
    doc,
    code: doc.getText('code'),
    meta: doc.getMap('meta'),
    awareness: provider.awareness,
    provider,
    state: () => current,
    onState: (listener) => listeners.add(listener),
    useToken: (token) => {
      started = true;
      const params: Record<string, string> = token ? { token } : {};
      const changed = provider.params.token !== params.token;
      provider.params = params;
      if (provider.wsconnected || provider.wsconnecting) {
        if (!changed) return;
        // The old token died with the old events connection: reconnect under the new one.
        provider.disconnect();
      }
      provider.connect();
    },
    destroy: () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('online', online);
      listeners.clear();
      leave();
      provider.destroy();
      doc.destroy();
    },
  };
}
