import type { PayloadOf, Topic } from '@shared/ipc/contract'

export type EventListener = (topic: Topic, payload: unknown) => void

/** Fan-out of main-process events to whoever forwards them to renderers (IPC or the test bridge). */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: PayloadOf<T>): void
  subscribe(listener: EventListener): () => void
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>()
  return {
    publish(topic, payload) {
      for (const listener of listeners) listener(topic, payload)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
