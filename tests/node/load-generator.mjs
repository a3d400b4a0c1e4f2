// Load for the relay benchmark: rooms of real yjs + y-websocket clients typing one character
// per edit. Measures how long each edit takes to reach every other client in its room.
//
//   node load-generator.mjs '{"serverUrl": "ws://127.0.0.1:P/ws", "rooms": ["ID/doc", ...],
//                             "perRoom": 5, "mode": "paced" | "saturate", "rate": 10,
//                             "window": 4, "seconds": 10, "drainSeconds": 3}'
//
// Prints {"event": "ready"} once every client is synced and sees its room's presence,
// then waits for a `go` line on stdin, runs for `seconds`, waits up to `drainSeconds` for
// edits still on the way, prints {"event": "result", ...} and exits.
//   paced:    each client types `rate` edits per second (random phase).
//   saturate: each client keeps `window` edits in flight (sent but not yet seen by every
//             peer) and sends the next one as soon as one lands: as fast as accepted.
import readline from 'node:readline'
import * as Y from 'yjs'
import { joinRoom, now, presence, synced } from './lib/peer.mjs'

// Every provider adds a process 'exit' listener; hundreds of clients are intended here.
process.setMaxListeners(0)
const config = JSON.parse(process.argv[2])
const { serverUrl, rooms, perRoom, mode, rate = 10, window = 4, seconds, drainSeconds = 3 } = config
const emit = (event, fields = {}) => process.stdout.write(JSON.stringify({ event, at: now(), ...fields }) + '\n')
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

// In flight: sender client id -> clock -> { sentAt, waiting (peers yet to see it), sender }.
const inFlight = new Map()
const latencies = []
let running = false
let measuring = false
let sent = 0
let completed = 0
let completedInWindow = 0
let closes = 0

function land (record) {
  const latency = now() - record.sentAt
  latencies.push(latency)
  completed++
  if (measuring) completedInWindow++
  record.sender.inFlight--
  if (mode === 'saturate') schedule(record.sender)
}

function watch (client) {
  client.doc.on('afterTransaction', transaction => {
    if (transaction.origin !== client.provider) return
    for (const [sender, after] of transaction.afterState) {
      const byClock = inFlight.get(sender)
      if (byClock === undefined) continue
      for (let clock = transaction.beforeState.get(sender) ?? 0; clock < after; clock++) {
        const record = byClock.get(clock)
        if (record === undefined || --record.waiting > 0) continue
        byClock.delete(clock)
        land(record)
      }
    }
  })
  client.provider.on('connection-close', () => { closes++ })
}

function type (client) {
  const clock = Y.getState(client.doc.store, client.doc.clientID)
  inFlight.get(client.doc.clientID).set(clock, { sentAt: now(), waiting: perRoom - 1, sender: client })
  client.inFlight++
  sent++
  client.text.insert(client.text.length, String.fromCharCode(97 + (sent % 26)))
}

function schedule (client) {
  if (client.pumpQueued) return
  client.pumpQueued = true
  setImmediate(() => {
    client.pumpQueued = false
    while (running && client.inFlight < window) type(client)
  })
}

// Every client comes from 127.0.0.1 here, while real ones each have their own address; the
// relay lets one address have at most 32 handshakes unfinished, so they join in waves of 16.
const JOIN_WAVE = 16
const clients = []
let wave = []
for (const [roomIndex, room] of rooms.entries()) {
  for (let i = 0; i < perRoom; i++) {
    const client = joinRoom(serverUrl, room, `load-${roomIndex}-${i}`)
    client.inFlight = 0
    client.pumpQueued = false
    inFlight.set(client.doc.clientID, new Map())
    watch(client)
    clients.push(client)
    wave.push(client)
    if (wave.length === JOIN_WAVE) {
      await Promise.all(wave.map(joined => synced(joined.provider)))
      wave = []
    }
  }
}
await Promise.all(clients.map(client => synced(client.provider)))
const settle = now() + 10000
while (clients.some(client => Object.keys(presence(client)).length < perRoom - 1) && now() < settle) {
  await sleep(20)
}
emit('ready', {
  clients: clients.length,
  presenceComplete: clients.every(client => Object.keys(presence(client)).length === perRoom - 1)
})

const input = readline.createInterface({ input: process.stdin })
await new Promise(resolve => input.once('line', resolve))
input.close()

const start = now()
running = true
measuring = true
const timers = []
if (mode === 'paced') {
  const period = 1000 / rate
  for (const client of clients) {
    timers.push(setTimeout(() => {
      type(client)
      timers.push(setInterval(() => { if (running) type(client) }, period))
    }, Math.random() * period))
  }
} else {
  for (const client of clients) schedule(client)
}
await sleep(seconds * 1000)
running = false
measuring = false
for (const timer of timers) clearInterval(timer)
const stop = now()
const drainUntil = stop + drainSeconds * 1000
while (completed < sent && now() < drainUntil) await sleep(10)

emit('result', {
  mode,
  clients: clients.length,
  seconds: (stop - start) / 1000,
  sent,
  completed,
  completedInWindow,
  lost: sent - completed,
  closes,
  latencies
})
for (const client of clients) client.provider.destroy()
setTimeout(() => process.exit(0), 100)
