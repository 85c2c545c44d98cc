import { fork, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const script = resolve(import.meta.dirname, 'client-process.ts')
const tsconfig = resolve(import.meta.dirname, '../../tsconfig.node.json')

/** A sync client in a child process (see client-process.ts), driven by method calls. */
export interface ClientProcess {
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>
  /** Closes the engine and database cleanly, then waits for the process to exit. */
  close(): Promise<void>
  /** SIGKILL, as a crash or a killed app would: nothing is flushed or closed. */
  kill(): Promise<void>
}

export async function startClientProcess(
  folder: string,
  name: string,
  baseUrl: string,
  token: string,
): Promise<ClientProcess> {
  const child: ChildProcess = fork(script, [folder, name, baseUrl, token], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const gone = new Promise<void>((r) => child.once('exit', () => r()))
  let next = 1
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const entry = waiting.get(message.id)
    waiting.delete(message.id)
    if (message.ok) entry?.resolve(message.value)
    else entry?.reject(new Error(`${name}: ${message.error}`))
  })
  child.on('exit', (code) => {
    for (const entry of waiting.values()) entry.reject(new Error(`${name} exited (${code})`))
    waiting.clear()
  })
  await new Promise((resolvePromise, reject) => waiting.set(0, { resolve: resolvePromise, reject }))
  let closed: Promise<void> | undefined
  const call = <T>(method: string, ...args: unknown[]) => {
    const id = next++
    return new Promise<T>((resolvePromise, reject) => {
      waiting.set(id, { resolve: (v) => resolvePromise(v as T), reject })
      // A killed child's channel is closed: without a callback, send reports that as an
      // 'error' event nobody listens to (an uncaught exception) rather than failing this call.
      child.send({ id, method, args }, (error) => {
        if (error === null || !waiting.has(id)) return
        waiting.delete(id)
        reject(new Error(`${name}: ${error.message}`))
      })
    })
  }
  return {
    call,
    close() {
      closed ??= (async () => {
        const exited = new Promise<void>((r) => child.once('exit', () => r()))
        if (child.exitCode === null) {
          await call('close').catch(() => undefined)
          child.disconnect()
        }
        await exited
      })()
      return closed
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await gone
    },
  }
}
