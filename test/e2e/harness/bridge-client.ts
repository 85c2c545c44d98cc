import type { TierlineBridge } from '@shared/ipc/bridge'
import type { ClientMessage, ServerMessage } from './bridge-protocol'

/**
 * Runs in the page before any app script (Playwright init script) and provides
 * `window.tierline` over a WebSocket to the Node host. It must be self-contained: Playwright
 * serialises this function's source, so it may use nothing from its module but types.
 */
export function installTierlineBridge(options: {
  readonly url: string
  readonly token: string
}): void {
  const pending = new Map<number, (result: unknown) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const outbox: ClientMessage[] = []
  let ready = false
  let nextId = 1
  const socket = new WebSocket(options.url)

  const send = (message: ClientMessage) => {
    if (ready) socket.send(JSON.stringify(message))
    else outbox.push(message)
  }
  socket.addEventListener('open', () =>
    socket.send(JSON.stringify({ type: 'hello', token: options.token })),
  )
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as ServerMessage
    if (message.type === 'ready') {
      ready = true
      for (const queued of outbox.splice(0)) socket.send(JSON.stringify(queued))
    } else if (message.type === 'result') {
      pending.get(message.id)?.(message.result)
      pending.delete(message.id)
    } else {
      listeners.get(message.topic)?.forEach((listener) => listener(message.payload))
    }
  })
  socket.addEventListener('close', () => {
    // Fail every outstanding call the way the app's IPC would: as a typed error, not a hang.
    for (const [id, resolve] of pending) {
      resolve({
        ok: false,
        error: { code: 'internal', message: 'The Tierline test host went away.' },
      })
      pending.delete(id)
    }
  })

  const bridge: TierlineBridge = {
    invoke: (channel, ...input) =>
      new Promise((resolve) => {
        const id = nextId++
        pending.set(id, resolve as (result: unknown) => void)
        send({ type: 'invoke', id, channel, input: input[0] })
      }),
    subscribe(topic, listener) {
      const forTopic = listeners.get(topic) ?? new Set()
      listeners.set(topic, forTopic)
      const untyped = listener as (payload: unknown) => void
      forTopic.add(untyped)
      return () => {
        forTopic.delete(untyped)
      }
    },
  }
  Object.defineProperty(window, 'tierline', { value: Object.freeze(bridge), enumerable: true })
}
