// Presence timing for the relay benchmark. Observers sit in a room; for each trial a new
// participant process joins (yjs-client.mjs), then is killed with SIGKILL (no goodbye).
//
//   node presence-probe.mjs '{"serverUrl": "ws://127.0.0.1:P/ws", "room": "ID/doc",
//                             "observers": 4, "trials": 10, "timeoutSeconds": 5}'
//
// Per trial, in milliseconds:
//   seen:    the joiner starts connecting -> every observer shows its `user`
//   sees:    the joiner starts connecting -> the joiner shows every observer's `user`
//   removed: SIGKILL -> every observer has dropped it
// A phase that does not finish within timeoutSeconds is reported as null.
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { joinRoom, now, presence, synced } from './lib/peer.mjs'

process.setMaxListeners(0)
const { serverUrl, room, observers: count, trials, timeoutSeconds = 5 } = JSON.parse(process.argv[2])
const CLIENT = fileURLToPath(new URL('./yjs-client.mjs', import.meta.url))
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function until (condition, deadline) {
  while (!condition()) {
    if (now() > deadline) return false
    await sleep(1)
  }
  return true
}

const observers = []
for (let i = 0; i < count; i++) observers.push(joinRoom(serverUrl, room, `observer-${i}`))
await Promise.all(observers.map(observer => synced(observer.provider)))
await until(() => observers.every(o => Object.keys(presence(o)).length === count - 1), now() + 10000)

// When each observer first showed / last dropped a given client id.
const shownAt = new Map()
const droppedAt = new Map()
for (const [index, observer] of observers.entries()) {
  observer.awareness.on('change', ({ added, updated, removed }) => {
    const at = now()
    for (const id of added.concat(updated)) {
      if (observer.awareness.getStates().get(id)?.user && !shownAt.has(`${index}:${id}`)) shownAt.set(`${index}:${id}`, at)
    }
    for (const id of removed) droppedAt.set(`${index}:${id}`, at)
  })
}

const results = []
for (let trial = 0; trial < trials; trial++) {
  const child = spawn(process.execPath, [CLIENT, serverUrl, room, `joiner-${trial}`], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  let clientId = null
  let connectingAt = null
  let seesAllAt = null
  readline.createInterface({ input: child.stdout }).on('line', line => {
    const event = JSON.parse(line)
    if (event.event === 'joined') clientId = event.client_id
    if (event.event === 'status' && event.status === 'connecting' && connectingAt === null) connectingAt = event.at
    if (event.event === 'presence' && seesAllAt === null &&
        Object.values(event.users).filter(user => user.name.startsWith('observer-')).length === count) {
      seesAllAt = event.at
    }
  })
  const deadline = now() + timeoutSeconds * 1000 + 2000 // the process start is not timed
  await until(() => connectingAt !== null && clientId !== null, deadline)
  const keys = observers.map((_, index) => `${index}:${clientId}`)
  const timeout = connectingAt + timeoutSeconds * 1000
  const allShown = await until(() => keys.every(key => shownAt.has(key)), timeout)
  await until(() => seesAllAt !== null, timeout)
  await sleep(100)
  const killedAt = now()
  child.kill('SIGKILL')
  const allDropped = await until(() => keys.every(key => (droppedAt.get(key) ?? 0) > killedAt), killedAt + timeoutSeconds * 1000)
  results.push({
    seen: allShown ? Math.max(...keys.map(key => shownAt.get(key))) - connectingAt : null,
    sees: seesAllAt === null ? null : seesAllAt - connectingAt,
    removed: allDropped ? Math.max(...keys.map(key => droppedAt.get(key))) - killedAt : null
  })
  await sleep(50)
}
process.stdout.write(JSON.stringify({ event: 'result', trials: results }) + '\n')
for (const observer of observers) observer.provider.destroy()
setTimeout(() => process.exit(0), 100)
