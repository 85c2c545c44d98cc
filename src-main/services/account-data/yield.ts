/**
 * Book-wide engine runs (every account's health or eligibility) take a second or more on a
 * large book and run in the main process, which also answers the window's IPC calls: they
 * hand the event loop back every few accounts so the app stays responsive meanwhile.
 */
export const YIELD_EVERY = 20

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
