// One real Yjs participant: a Y.Doc synced by the y-websocket provider over `ws`.
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now()

const COLORS = ['#d33682', '#268bd2', '#859900', '#b58900', '#6c71c4', '#2aa198']

/**
 * Joins `room` on `serverUrl` (the provider appends `/room`) and announces `user`.
 * BroadcastChannel is off so that peers in one process only talk through the server.
 */
export function joinRoom (serverUrl, room, name, { connect = true } = {}) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    connect: false
  })
  const color = COLORS[doc.clientID % COLORS.length]
  // `tag` repeats the name: the relay replaces `name` with its own record of who is behind the
  // socket (these test clients have none), so tests tell clients apart by `tag`.
  provider.awareness.setLocalStateField('user', { name, color, colorLight: color + '33', tag: name })
  if (connect) provider.connect()
  return { doc, text: doc.getText('code'), meta: doc.getMap('meta'), provider, awareness: provider.awareness }
}

/** Resolves once the provider has completed the sync handshake. */
export function synced (provider) {
  if (provider.synced) return Promise.resolve()
  return new Promise(resolve => {
    const onSync = state => {
      if (state) {
        provider.off('sync', onSync)
        resolve()
      }
    }
    provider.on('sync', onSync)
  })
}

/** The remote participants' states that carry a `user`, keyed by client id. */
export function presence (peer) {
  const states = {}
  for (const [clientId, state] of peer.awareness.getStates()) {
    if (clientId !== peer.doc.clientID && state && state.user) states[clientId] = state
  }
  return states
}
