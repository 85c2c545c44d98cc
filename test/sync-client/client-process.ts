/**
 * One desktop sync client in its own process, for tests: RxDB's open-source build opens at most
 * 13 collections per process, so two workspaces with the model's 12 cannot share one. Started
 * with `fork` (see client-harness.ts); answers `{ id, method, args }` messages with
 * `{ id, ok, value | error }`. Everything here is the real client: our SQLite storage, the
 * model's collections and the sync engine.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { addRxPlugin, createRxDatabase } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { rxCollectionCreators, type CollectionName } from '@shared/model/registry'
import { getRxStorageSqlite } from '../../src-main/db/storage'
import type { TierlineCollections, TierlineDatabase } from '../../src-main/db/workspace-store'
import { createConflictStore } from '../../src-main/sync/conflict-store'
import { startSyncEngine, type SyncEngine } from '../../src-main/sync/sync-engine'

function arg(index: number): string {
  const value = process.argv[2 + index]
  if (!value) throw new Error('usage: client-process <folder> <name> <baseUrl> <token>')
  return value
}
const [folder, name, baseUrl, token] = [arg(0), arg(1), arg(2), arg(3)] as const

// As the workspace store does: collections with migration steps need it to open.
addRxPlugin(RxDBMigrationSchemaPlugin)

const requests: string[] = []
let rx: TierlineDatabase
let engine: SyncEngine

async function start() {
  await mkdir(join(folder, name), { recursive: true })
  rx = await createRxDatabase<TierlineCollections>({
    name: 'tierline',
    storage: getRxStorageSqlite({ fileFor: () => join(folder, `${name}.sqlite`) }),
    multiInstance: false,
  })
  await rx.addCollections(rxCollectionCreators())
  engine = startSyncEngine({
    rx,
    connection: {
      baseUrl,
      token,
      // Records what the client asks for; every request still goes to the real server.
      fetch: (input, init) => {
        requests.push(String(input))
        return fetch(input, init)
      },
    },
    conflicts: createConflictStore(join(folder, name)),
    identity: `${baseUrl}|${name}`,
    backoff: { baseMs: 50, maxMs: 400 },
    heartbeatMs: 200,
  })
}

const collection = (c: string) =>
  rx.collections[c as CollectionName] as unknown as {
    insert(doc: unknown): Promise<unknown>
    findOne(id: string): {
      exec(): Promise<{ toJSON(): unknown; incrementalPatch(p: unknown): Promise<unknown> } | null>
    }
    count(): { exec(): Promise<number> }
  }

const methods: Record<string, (...args: never[]) => Promise<unknown>> = {
  insert: async (c: string, doc: unknown) => void (await collection(c).insert(doc)),
  patch: async (c: string, id: string, patch: unknown) => {
    const doc = await collection(c).findOne(id).exec()
    if (!doc) throw new Error(`no ${c} ${id}`)
    await doc.incrementalPatch(patch)
  },
  get: async (c: string, id: string) => (await collection(c).findOne(id).exec())?.toJSON() ?? null,
  count: async (c: string) => collection(c).count().exec(),
  /** Every live document of a collection, as JSON (tests compare them with the server's). */
  all: async (c: string) =>
    (await rx.collections[c as CollectionName].find().exec()).map((doc) => doc.toJSON()),
  snapshot: async () => engine.snapshot(),
  awaitInSync: async () => engine.awaitInSync(),
  conflicts: async () => createConflictStore(join(folder, name)).list(),
  requests: async () => requests,
  close: async () => {
    await engine.stop()
    await rx.close()
  },
}

process.on('message', (message: { id: number; method: string; args: never[] }) => {
  const method = methods[message.method]
  const run = method
    ? method(...message.args)
    : Promise.reject(new Error(`no method ${message.method}`))
  run.then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
  )
})

start().then(
  () => process.send?.({ id: 0, ok: true, value: 'ready' }),
  (error: unknown) => process.send?.({ id: 0, ok: false, error: String(error) }),
)

// The harness disconnects after `close`; nothing else should keep the process alive.
process.on('disconnect', () => process.exit(0))
