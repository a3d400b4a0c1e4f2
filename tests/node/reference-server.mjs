// The reference Node relay, @y/websocket-server 0.1.1, on loopback only.
//
//   node reference-server.mjs [PORT]     (0 or nothing: a free port)
//
// Prints `Reference server: ws://127.0.0.1:PORT` once it listens. Any path is a room.
// The package's own server.js listens where HOST/PORT say and cannot report a free
// port, so this repeats its dozen lines with the same `ws` release it depends on.
import http from 'node:http'
import { createRequire } from 'node:module'
import { setupWSConnection } from '@y/websocket-server/utils'

const serverRequire = createRequire(import.meta.resolve('@y/websocket-server/package.json'))
const WebSocket = serverRequire('ws')

const port = Number.parseInt(process.argv[2] ?? '0', 10)
const sockets = new WebSocket.Server({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})

sockets.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, ws => sockets.emit('connection', ws, request))
})
server.listen(port, '127.0.0.1', () => {
  console.log(`Reference server: ws://127.0.0.1:${server.address().port} (ws ${serverRequire('ws/package.json').version})`)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0))
