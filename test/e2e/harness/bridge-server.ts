import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { assetHeaders, resolveAsset } from '../../../src-main/services/app-assets/app-assets'
import type { Logger } from '../../../src-main/services/log/logger'
import { createMainServices, type MainServices } from '../../../src-main/services/main-services'
import {
  BRIDGE_PATH,
  UNAUTHORISED_CLOSE,
  type ClientMessage,
  type ServerMessage,
} from './bridge-protocol'

export interface TestBridge {
  /** Page URL of the app, served from the built renderer with the production CSP. */
  readonly url: string
  readonly socketUrl: string
  /** Per-run secret the page script must present before any call is accepted. */
  readonly token: string
  readonly dataRoot: string
  readonly services: MainServices
  /** Folders the app asked the operating system to open (the desktop is outside our system). */
  readonly openedPaths: readonly string[]
  /**
   * Files the app asked to save: the "save dialog" answers with the suggested name inside this
   * test's `saved/` folder (beside its data root), as a user accepting the default would.
   */
  readonly savedPaths: readonly string[]
  close(): Promise<void>
}

const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: console.error }

function sameToken(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Hosts the real main-process services and router for a browser: the built renderer over
 * HTTP and `window.tierline` calls over a WebSocket on 127.0.0.1. Only the transport differs
 * from the Electron app; validation, handlers and storage are the same code.
 */
export async function startTestBridge(options: {
  readonly dataRoot: string
  readonly rendererRoot: string
  readonly version: string
}): Promise<TestBridge> {
  const token = randomBytes(32).toString('hex')
  const openedPaths: string[] = []
  const savedPaths: string[] = []
  const savedFolder = join(dirname(options.dataRoot), 'saved')
  const services = await createMainServices({
    dataRoot: options.dataRoot,
    host: { name: 'Tierline', version: options.version, runtime: { node: process.versions.node } },
    desktop: {
      openPath: async (path) => void openedPaths.push(path),
      chooseSaveFile: async ({ defaultFileName }) => {
        await mkdir(savedFolder, { recursive: true })
        const path = join(savedFolder, basename(defaultFileName))
        savedPaths.push(path)
        return path
      },
    },
    log: quietLogger,
  })
  await services.ready

  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    void resolveAsset(options.rendererRoot, pathname).then((file) => {
      if (file === undefined) {
        response.writeHead(404).end('Not found')
        return
      }
      response.writeHead(200, assetHeaders(file))
      createReadStream(file).pipe(response)
    })
  })
  const sockets = new WebSocketServer({ server, path: BRIDGE_PATH })
  sockets.on('connection', (socket) => serveConnection(socket, token, services))

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    socketUrl: `ws://127.0.0.1:${port}${BRIDGE_PATH}`,
    token,
    dataRoot: options.dataRoot,
    services,
    openedPaths,
    savedPaths,
    async close() {
      for (const client of sockets.clients) client.terminate()
      await new Promise<void>((resolve) => sockets.close(() => resolve()))
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Chromium keeps preconnected sockets that never sent a request; Node counts them as
        // busy and would wait out its 60 s headers timeout before closing. The test is over.
        server.closeAllConnections()
      })
      await services.close()
    },
  }
}

function serveConnection(socket: WebSocket, token: string, services: MainServices): void {
  let authenticated = false
  const send = (message: ServerMessage) => socket.send(JSON.stringify(message))
  const unsubscribe = services.events.subscribe((topic, payload) => {
    if (authenticated) send({ type: 'event', topic, payload })
  })
  socket.on('close', unsubscribe)
  socket.on('message', (data) => {
    let message: ClientMessage
    try {
      message = JSON.parse(String(data)) as ClientMessage
    } catch {
      socket.close(1003, 'Messages must be JSON')
      return
    }
    if (!authenticated) {
      if (message.type === 'hello' && sameToken(message.token, token)) {
        authenticated = true
        send({ type: 'ready' })
      } else {
        socket.close(UNAUTHORISED_CLOSE, 'A valid bridge token is required')
      }
      return
    }
    if (message.type !== 'invoke') return
    void services.router
      .dispatch(message.channel, message.input, { trusted: true })
      .then((result) => send({ type: 'result', id: message.id, result }))
  })
}
