import { parseArgs } from 'node:util'
import { syncRoleSchema } from '@shared/sync/protocol'
import { findUser, issueToken, revokeTokens, setUserDisabled, upsertUser } from './auth/users'
import type { SqlDatabase } from './db/database'
import { migrate } from './db/migrations'
import { openDatabase } from './db/open'
import { publishUserDocument } from './auth/user-document'
import { SyncError } from './errors'
import { seedBook, type BookBatch } from './seed'
import { reannounceAccountsOf } from './sync/documents'
import { createSyncServer } from './server'

export interface BookOptions {
  readonly seed?: number
  readonly size?: 'demo' | 'benchmark'
  readonly accounts?: number
  readonly tickets?: number
}

export interface CliDeps {
  /** The demo book generator; injected because it lives in src-main (see scripts/server.ts). */
  readonly demoBook?: (options: BookOptions) => Iterable<BookBatch>
  readonly env?: NodeJS.ProcessEnv
  readonly out?: (line: string) => void
  readonly err?: (line: string) => void
}

export const USAGE = `Usage: npm run server -- [command] [options]

Commands:
  serve (default)        run the sync server   --host 127.0.0.1 --port 8787
  user add               --email E --name N --role admin|manager|csm|tam [--manager E|ID] [--id ULID]
  user disable           --user E|ID     (every token of the user stops working at once)
  user enable            --user E|ID
  token issue            --user E|ID [--days 30] [--label L]   prints the token once
  token revoke           --token-id ID | --user E|ID (all of the user's tokens)
  seed                   load the demo book and print sign-in tokens for a few users of each
                         role   [--size demo|benchmark] [--seed 1] [--accounts N] [--tickets N]

Database: DATABASE_URL (PostgreSQL) if set, else embedded PGlite in --data-dir
(default: $TIERLINE_SERVER_DATA or ./server-data).`

const options = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  manager: { type: 'string' },
  id: { type: 'string' },
  user: { type: 'string' },
  days: { type: 'string' },
  label: { type: 'string' },
  'token-id': { type: 'string' },
  size: { type: 'string' },
  seed: { type: 'string' },
  accounts: { type: 'string' },
  tickets: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Values = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>['values']

function required(values: Values, name: keyof Values): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SyncError('validation', `--${name} is required`)
  }
  return value
}

function integer(value: string | undefined, name: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n)) throw new SyncError('validation', `--${name} must be an integer`)
  return n
}

/** Runs one CLI command; resolves to the process exit code (serve resolves when stopped). */
export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const env = deps.env ?? process.env
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`))
  const err = deps.err ?? ((line: string) => process.stderr.write(`${line}\n`))
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    err(error instanceof Error ? error.message : String(error))
    err(USAGE)
    return 2
  }
  const { values, positionals } = parsed
  const command = positionals.join(' ') || 'serve'
  if (values.help) {
    out(USAGE)
    return 0
  }
  const known = [
    'serve',
    'user add',
    'user disable',
    'user enable',
    'token issue',
    'token revoke',
    'seed',
  ]
  if (!known.includes(command)) {
    err(`Unknown command: ${command}`)
    err(USAGE)
    return 2
  }

  let db: SqlDatabase | undefined
  try {
    db = await openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: values['data-dir'] ?? env.TIERLINE_SERVER_DATA ?? 'server-data',
      onListenError: (message) => err(message),
    })
    if (command === 'serve') return await serve(db, values, env, out)
    await migrate(db)
    const now = new Date()
    switch (command) {
      case 'user add': {
        const role = syncRoleSchema.safeParse(required(values, 'role'))
        if (!role.success) throw new SyncError('validation', '--role is admin, manager, csm or tam')
        const manager = values.manager ? await findUser(db, values.manager) : undefined
        const before = await findUser(db, values.id ?? required(values, 'email')).catch(() => null)
        const user = await upsertUser(db, {
          ...(values.id ? { id: values.id } : {}),
          email: required(values, 'email'),
          name: required(values, 'name'),
          role: role.data,
          managerId: manager?.id ?? null,
        })
        if (before && (before.role !== user.role || before.managerId !== user.managerId)) {
          // Who may see this user's accounts changed: send them out again.
          await reannounceAccountsOf(db, [user.id])
        }
        await publishUserDocument(db, user, now)
        out(`user ${user.id} ${user.email} (${user.role})`)
        return 0
      }
      case 'user disable':
      case 'user enable': {
        const user = await findUser(db, required(values, 'user'))
        await setUserDisabled(db, user.id, command === 'user disable', now)
        await publishUserDocument(db, await findUser(db, user.id), now)
        out(`${command === 'user disable' ? 'disabled' : 'enabled'} ${user.email}`)
        return 0
      }
      case 'token issue': {
        const user = await findUser(db, required(values, 'user'))
        const issued = await issueToken(db, {
          userId: user.id,
          label: values.label ?? 'cli',
          validForDays: integer(values.days, 'days', 30) ?? 30,
          now,
        })
        out(`token id ${issued.id} for ${user.email}, expires ${issued.expiresAt}`)
        out(issued.token)
        return 0
      }
      case 'token revoke': {
        const target = values['token-id']
          ? { tokenId: values['token-id'] }
          : { userId: (await findUser(db, required(values, 'user'))).id }
        const count = await revokeTokens(db, target, now)
        out(`revoked ${count} token${count === 1 ? '' : 's'}`)
        return count > 0 ? 0 : 1
      }
      case 'seed': {
        if (deps.demoBook === undefined) throw new SyncError('internal', 'No demo book generator')
        const size = values.size === 'benchmark' ? 'benchmark' : 'demo'
        const seedValue = integer(values.seed, 'seed')
        const accounts = integer(values.accounts, 'accounts')
        const tickets = integer(values.tickets, 'tickets')
        const book = deps.demoBook({
          size,
          ...(seedValue === undefined ? {} : { seed: seedValue }),
          ...(accounts === undefined ? {} : { accounts }),
          ...(tickets === undefined ? {} : { tickets }),
        })
        const started = Date.now()
        const result = await seedBook(db, book, { now, validForDays: 30 })
        const total = Object.values(result.documents).reduce((a, b) => a + (b ?? 0), 0)
        out(`loaded ${total} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`)
        for (const [collection, n] of Object.entries(result.documents)) out(`  ${collection}: ${n}`)
        out('sign-in tokens (shown once; valid 30 days):')
        for (const t of result.tokens) out(`  ${t.role.padEnd(8)} ${t.email.padEnd(40)} ${t.token}`)
        return 0
      }
    }
    return 2
  } catch (error) {
    err(error instanceof SyncError ? error.message : `Failed: ${describe(error)}`)
    return 1
  } finally {
    await db?.close().catch(() => undefined)
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function serve(
  db: SqlDatabase,
  values: Values,
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const server = await createSyncServer({ db })
  const port = integer(values.port ?? env.PORT, 'port', 8787) ?? 8787
  const host = values.host ?? env.HOST ?? '127.0.0.1'
  const address = await server.app.listen({ port, host })
  out(`Tierline sync server on ${address} (${db.kind})`)
  return new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: string) => {
      if (stopping) {
        out(`${signal} again: exiting without waiting`)
        process.exit(1)
      }
      stopping = true
      out(`${signal}: finishing in-flight requests, then stopping`)
      server.close().then(
        () => resolve(0),
        () => resolve(1),
      )
    }
    process.on('SIGINT', () => stop('SIGINT'))
    process.on('SIGTERM', () => stop('SIGTERM'))
  })
}

// Run directly (`tsx src-server/cli.ts`): every command except seed, which needs the book.
if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code))
}
