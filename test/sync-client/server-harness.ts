import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const cli = resolve(import.meta.dirname, '../../scripts/server.ts')
const tsconfig = resolve(import.meta.dirname, '../../tsconfig.node.json')

/** The real sync server (`npm run server -- serve`) in its own process, so a test can kill it. */
export interface ServerProcess {
  readonly baseUrl: string
  /** SIGKILL: no shutdown hook runs, in-flight transactions die with the process. */
  kill(): Promise<void>
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>
}

export async function startServerProcess(options: {
  readonly port: number
  /** PostgreSQL; without it, PGlite in `dataDir`. */
  readonly databaseUrl?: string
  readonly dataDir: string
}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: tsconfig }
  delete env.DATABASE_URL
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      'serve',
      '--port',
      String(options.port),
      '--data-dir',
      options.dataDir,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  let output = ''
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start: ${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (output.includes('Tierline sync server on')) {
        clearTimeout(timer)
        ready()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`server exited (${code}) before it was ready: ${output.slice(-2000)}`))
    })
  })
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await exited
  }
  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  }
}
