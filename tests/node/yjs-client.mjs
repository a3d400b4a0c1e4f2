// A real yjs + y-websocket participant driven by JSON lines, for the pytest interop test.
//
//   node yjs-client.mjs SERVER_URL ROOM NAME
//
// stdin, one JSON object per line:
//   {"op": "insert", "index": 3, "text": "abc"}   {"op": "delete", "index": 0, "length": 2}
//   {"op": "snapshot"}                            {"op": "leave"}  (a polite goodbye)
// stdout, one JSON object per line, each with `at` (epoch ms):
//   {"event": "joined", "client_id": N}   {"event": "synced", "text": ...}
//   {"event": "text", "text": ...}        {"event": "presence", "users": {id: user}}
//   {"event": "snapshot", "text": ..., "users": ..., "language": ...}
import readline from 'node:readline'
import { joinRoom, now, presence } from './lib/peer.mjs'

const [serverUrl, room, name] = process.argv.slice(2)
if (!serverUrl || !room || !name) {
  console.error('usage: node yjs-client.mjs SERVER_URL ROOM NAME')
  process.exit(2)
}

const peer = joinRoom(serverUrl, room, name, { connect: false })
const emit = (event, fields = {}) => {
  process.stdout.write(JSON.stringify({ event, at: now(), ...fields }) + '\n')
}
const users = () => Object.fromEntries(
  Object.entries(presence(peer)).map(([id, state]) => [id, state.user])
)

peer.provider.on('sync', state => { if (state) emit('synced', { text: peer.text.toString() }) })
peer.provider.on('status', ({ status }) => emit('status', { status }))
peer.provider.on('connection-close', event => emit('connection-close', { code: event?.code ?? null }))
peer.text.observe(() => emit('text', { text: peer.text.toString() }))
peer.awareness.on('change', () => emit('presence', { users: users() }))

const handlers = {
  insert: ({ index, text }) => peer.text.insert(index, text),
  delete: ({ index, length }) => peer.text.delete(index, length),
  snapshot: () => emit('snapshot', {
    text: peer.text.toString(),
    users: users(),
    language: peer.meta.get('language') ?? null
  }),
  leave: () => {
    peer.provider.destroy()
    emit('left')
    setTimeout(() => process.exit(0), 50)
  }
}

readline.createInterface({ input: process.stdin }).on('line', line => {
  if (!line.trim()) return
  const command = JSON.parse(line)
  const handler = handlers[command.op]
  if (!handler) emit('error', { message: `unknown op ${command.op}` })
  else handler(command)
})

emit('joined', { client_id: peer.doc.clientID })
peer.provider.connect()
