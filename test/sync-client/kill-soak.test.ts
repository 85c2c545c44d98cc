import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments } from '@shared/model/examples'
import type { DocumentOf } from '@shared/model/registry'
import type { WireDocument } from '@shared/sync/protocol'
import { openDatabase } from '../../src-server/db/open'
import { migrate } from '../../src-server/db/migrations'
import { importDocuments } from '../../src-server/sync/documents'
import { client, createWorld, ticketDoc, wire, type World } from '../../src-server/testing/world'
import { startClientProcess, type ClientProcess } from './client-harness'
import { startServerProcess, type ServerProcess } from './server-harness'

/**
 * kill -9 soak (issue 6): the client is killed in the middle of a large sync and of its own
 * writes, and, in other rounds, the server is killed in the middle of pushes (the client's and
 * an admin's), each at a random moment. Afterwards every acknowledged write exists exactly once
 * on both sides, a push that was never acknowledged was applied whole or not at all, and the
 * client holds exactly what the server lets it see: nothing lost, nothing stranded.
 *
 * Both the server (the real `npm run server -- serve`) and the client (the real engine on
 * SQLite) run in their own processes, so SIGKILL hits them as a crash would. On PostgreSQL
 * when TIERLINE_TEST_DATABASE_URL is set, else on PGlite in a folder.
 * TIERLINE_SOAK_ROUNDS sets the kills of each kind (default 2, which fits CI; the 20
 * were run by hand, see the closing note of issue 6).
 */

const rounds = Number(process.env.TIERLINE_SOAK_ROUNDS ?? 2)
const postgresUrl = process.env.TIERLINE_TEST_DATABASE_URL
/** Tickets already on the server before the first sync, so the first sync is a large one. */
const BOOK_TICKETS = 3000

let folder: string
let databaseUrl: string | undefined
let dropDatabase: () => Promise<void> = async () => undefined
let world: World
let port: number
let server: ServerProcess | undefined

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

const startServer = async () => {
  server = await startServerProcess({
    port,
    dataDir: join(folder, 'server-data'),
    ...(databaseUrl ? { databaseUrl } : {}),
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min))

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000) {
  const until = Date.now() + ms
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

const noteTemplate = exampleDocuments.activities.find((a) => a.kind === 'note')
function note(title: string): DocumentOf<'activities'> {
  if (noteTemplate === undefined) throw new Error('no example note')
  return {
    ...noteTemplate,
    id: world.newId(),
    accountId: world.accounts.a.id,
    authorId: world.ids.a,
    updatedBy: world.ids.a,
    title,
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tierline-kill-soak-'))
  if (postgresUrl) {
    const name = `tierline_soak_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: postgresUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(postgresUrl)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: postgresUrl })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    }
  }
  // The team and the book are loaded before the server process starts: PGlite is one process
  // per folder.
  const db = await openDatabase({ databaseUrl, dataDir: join(folder, 'server-data') })
  await migrate(db)
  world = await createWorld(db)
  const tickets = Array.from({ length: BOOK_TICKETS }, (_, i) =>
    ticketDoc(world.newId(), world.accounts.a.id, 100_000 + i),
  )
  for (let i = 0; i < tickets.length; i += 500) {
    await importDocuments(db, 'tickets', tickets.slice(i, i + 500))
  }
  await db.close()
  port = await freePort()
  await startServer()
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await dropDatabase()
  await rm(folder, { recursive: true, force: true })
})

describe(`kill -9 soak on ${postgresUrl ? 'postgres' : 'pglite'}`, () => {
  it(
    `loses no acknowledged write and strands no document across ${rounds} client and ${rounds} server kills`,
    { timeout: 120_000 + rounds * 2 * 45_000 },
    async () => {
      const started = Date.now()
      const api = client(`http://127.0.0.1:${port}`)
      /** Notes whose local insert resolved: the client acknowledged them to the user. */
      const acknowledgedNotes = new Map<string, string>()
      /** Notes whose insert was cut off by the kill: they may exist, but at most once. */
      const maybeNotes = new Set<string>()
      /** Admin pushes answered 200, and those cut off (all of a batch or none of it). */
      const acknowledgedPushes: WireDocument[][] = []
      const unansweredPushes: WireDocument[][] = []
      let counter = 0
      let clientProcess: ClientProcess | undefined

      /** Inserts notes one after another until stopped; records what each insert answered. */
      function writeNotes(into: ClientProcess) {
        let stopped = false
        const done = (async () => {
          while (!stopped) {
            const doc = note(`soak note ${++counter}`)
            try {
              await into.call('insert', 'activities', doc)
              acknowledgedNotes.set(doc.id, doc.title)
            } catch {
              maybeNotes.add(doc.id)
              return
            }
            await sleep(randomBetween(5, 40))
          }
        })()
        return {
          stop: () => {
            stopped = true
            return done
          },
        }
      }

      /** Pushes batches of tickets as the admin until stopped; records the answers. */
      function adminPushes() {
        let stopped = false
        const done = (async () => {
          while (!stopped) {
            const batch = Array.from({ length: 20 }, () =>
              wire(ticketDoc(world.newId(), world.accounts.a.id, 500_000 + ++counter)),
            )
            const answer = await api
              .push(
                world.tokens.admin,
                'tickets',
                batch.map((doc) => ({ newDocumentState: doc })),
              )
              .catch(() => undefined)
            if (answer?.status === 200) acknowledgedPushes.push(batch)
            else unansweredPushes.push(batch)
            await sleep(randomBetween(10, 60))
          }
        })()
        return {
          stop: () => {
            stopped = true
            return done
          },
        }
      }

      for (let round = 0; round < rounds * 2; round++) {
        const killServer = round % 2 === 1
        clientProcess ??= await startClientProcess(
          folder,
          'soak-client',
          `http://127.0.0.1:${port}`,
          world.tokens.a,
        )
        const writer = writeNotes(clientProcess)
        const pusher = adminPushes()
        // The first rounds hit the initial large pull; later ones the live sync and pushes.
        await sleep(randomBetween(200, 2500))
        if (killServer) {
          await server?.kill()
          await pusher.stop()
          await sleep(randomBetween(0, 500))
          await startServer()
          await writer.stop()
        } else {
          await clientProcess.kill()
          clientProcess = undefined
          await writer.stop()
          await pusher.stop()
        }
      }

      // Let everything settle: the client (restarted once more) catches up both ways.
      await clientProcess?.close()
      const final = await startClientProcess(
        folder,
        'soak-client',
        `http://127.0.0.1:${port}`,
        world.tokens.a,
      )
      try {
        await final.call('awaitInSync')
        const serverNotes = await eventually(async () => {
          const { documents } = await api.pullAll(world.tokens.admin, 'activities')
          const soak = documents.filter((d) => String(d['title']).startsWith('soak note'))
          return [...acknowledgedNotes.keys()].every((id) => soak.some((d) => d.id === id))
            ? soak
            : undefined
        }, 'every acknowledged note on the server')
        // Exactly once, with the content written, and nothing the client never wrote.
        const titles = serverNotes.map((d) => String(d['title']))
        expect(new Set(titles).size).toBe(titles.length)
        for (const [id, title] of acknowledgedNotes) {
          expect(serverNotes.filter((d) => d.id === id).map((d) => d['title'])).toEqual([title])
        }
        for (const doc of serverNotes) {
          expect(acknowledgedNotes.has(doc.id) || maybeNotes.has(doc.id)).toBe(true)
        }

        const { documents: serverTickets } = await api.pullAll(world.tokens.admin, 'tickets')
        const serverTicketIds = new Set(serverTickets.map((d) => d.id))
        for (const batch of acknowledgedPushes) {
          for (const doc of batch) expect(serverTicketIds.has(doc.id)).toBe(true)
        }
        for (const batch of unansweredPushes) {
          const present = batch.filter((doc) => serverTicketIds.has(doc.id)).length
          expect([0, batch.length]).toContain(present)
        }

        // The client holds exactly what the server lets it see: nothing lost, nothing stranded.
        await eventually(async () => {
          await final.call('awaitInSync')
          for (const collection of ['accounts', 'tickets', 'contacts', 'activities'] as const) {
            const { documents } = await api.pullAll(world.tokens.a, collection)
            const live = documents.filter((d) => !d._deleted).map((d) => d.id)
            const local = (await final.call<{ id: string }[]>('all', collection)).map((d) => d.id)
            if (JSON.stringify(local.sort()) !== JSON.stringify(live.sort())) return undefined
          }
          return true
        }, 'the client to hold exactly what the server shows it')
        expect((await final.call<{ pending: number }>('snapshot')).pending).toBe(0)
        expect(acknowledgedNotes.size).toBeGreaterThan(0)
        expect(acknowledgedPushes.length).toBeGreaterThan(0)
        console.info(
          `[kill soak] ${rounds} client + ${rounds} server kills in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
            `${acknowledgedNotes.size} notes acknowledged (${maybeNotes.size} cut off), ` +
            `${acknowledgedPushes.length} admin pushes acknowledged (${unansweredPushes.length} cut off)`,
        )
      } finally {
        await final.close()
      }
    },
  )
})
