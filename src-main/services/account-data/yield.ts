/**
 * Long loops on main's thread (book-wide engine runs when the engine worker is not running, the
 * alerts refresh's writes) hand the event loop back every few items: main also answers the
 * window's IPC calls, and our storage's synchronous answers otherwise chain microtasks only.
 */
export const YIELD_EVERY = 20

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
