import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { exampleDocuments, exampleId } from '@shared/model/examples'
import { openWorkspaceStore, type WorkspaceStore } from '../../db/workspace-store'
import { createEventBus } from '../events/event-bus'
import { BACKUPS_DIR } from './workspace-backup'
import { createWorkspaceManager, DATABASE_FILE } from './workspace-manager'

async function managerOnDisk(dataRoot?: string) {
  const root = dataRoot ?? (await tempDir())
  const events = createEventBus()
  const topics: string[] = []
  events.subscribe((topic) => topics.push(topic))
  let clock = Date.parse('2026-11-25T10:00:00Z')
  const populated: string[] = []
  const manager = createWorkspaceManager<WorkspaceStore>({
    dataRoot: root,
    events,
    log: recordingLogger(),
    now: () => new Date((clock += 1000)),
    openDatabase: (_record, file) =>
      openWorkspaceStore({ file, log: recordingLogger(), onChange: () => undefined }),
    populate: async ({ record, database }, progress) => {
      populated.push(record.name)
      await addUser(database, 'Demo user')
      progress(1, 1, 'Loaded')
    },
  })
  return { manager, dataRoot: root, topics, populated }
}

const template = exampleDocuments.users[0]
let nextUser = 900

/** Writes a user through RxDB: a real document in the workspace's database. */
async function addUser(database: WorkspaceStore, name: string): Promise<void> {
  if (template === undefined) throw new Error('no example user')
  await database.rx().users.insert({
    ...template,
    id: exampleId(nextUser++),
    name,
    email: `${nextUser}@example.test`,
  })
}

/** The names of the users stored in a workspace, in name order. */
async function userNames(database: WorkspaceStore): Promise<string[]> {
  const users = await database
    .rx()
    .users.find({ sort: [{ name: 'asc' }] })
    .exec()
  return users.map((user) => user.name)
}
const notes = (manager: { active(): { database: WorkspaceStore } }) =>
  userNames(manager.active().database)

describe('workspace manager', () => {
  it('creates and fills a demo workspace on a new machine, then reopens it on the next start', async () => {
    const first = await managerOnDisk()
    const demo = await first.manager.start()
    expect(demo.record).toMatchObject({ name: 'Demo book', content: 'demo' })
    expect(first.populated).toEqual(['Demo book'])
    expect(first.topics).toContain('workspaces.progress')
    expect(await notes(first.manager)).toEqual(['Demo user'])
    await first.manager.close()

    const second = await managerOnDisk(first.dataRoot)
    expect((await second.manager.start()).record.id).toBe(demo.record.id)
    expect(second.populated).toEqual([])
  })

  it('creates, switches, renames and lists workspaces', async () => {
    const { manager } = await managerOnDisk()
    const demo = (await manager.start()).record
    const empty = await manager.create({ name: 'ACME renewals', content: 'empty' })
    expect(manager.active().record.id).toBe(empty.id)
    await manager.rename(empty.id, 'ACME book')
    expect(manager.active().record.name).toBe('ACME book')
    expect((await manager.list()).map(({ name, active }) => ({ name, active }))).toEqual([
      { name: 'Demo book', active: false },
      { name: 'ACME book', active: true },
    ])
    await manager.open(demo.id)
    expect(manager.active().record.id).toBe(demo.id)
    await manager.close()
  })

  it('deletes a workspace only when it is closed and its name is typed exactly', async () => {
    const { manager } = await managerOnDisk()
    const demo = (await manager.start()).record
    const other = await manager.create({ name: 'Scratch', content: 'empty' })
    await expect(manager.remove(other.id, 'Scratch')).rejects.toMatchObject({ code: 'conflict' })
    await manager.open(demo.id)
    await expect(manager.remove(other.id, 'scratch')).rejects.toMatchObject({
      code: 'validation',
      details: { issues: [{ field: 'confirmName' }] },
    })
    expect((await manager.list()).map((item) => item.name)).toEqual(['Demo book', 'Scratch'])
    await manager.remove(other.id, 'Scratch')
    expect((await manager.list()).map((item) => item.name)).toEqual(['Demo book'])
    await manager.close()
  })

  it('backs up online and restores, keeping the replaced file beside it', async () => {
    const { manager } = await managerOnDisk()
    const { record } = await manager.start()
    const backup = await manager.backup()
    expect(backup).toMatchObject({
      createdAt: expect.stringMatching(/^2026-11-25T10:00:\d\d\.000Z$/),
    })
    expect(await manager.backups(record.id)).toEqual([backup])

    await addUser(manager.active().database, 'Added after the backup')
    expect(await notes(manager)).toEqual(['Added after the backup', 'Demo user'])

    const { movedAside } = await manager.restore(record.id, backup.id)
    expect(await notes(manager)).toEqual(['Demo user'])
    expect(manager.active().database.status().state).toBe('ready')
    const aside = await openWorkspaceStore({
      file: movedAside,
      log: recordingLogger(),
      onChange: () => undefined,
    })
    expect(await userNames(aside)).toEqual(['Added after the backup', 'Demo user'])
    await aside.close()
    await manager.close()
  })

  it('refuses unknown and damaged backups without touching the live database', async () => {
    const { manager } = await managerOnDisk()
    const { record } = await manager.start()
    await expect(
      manager.restore(record.id, '2020-01-01T00-00-00-000Z.sqlite'),
    ).rejects.toMatchObject({
      code: 'not-found',
    })
    const backup = await manager.backup()
    await writeFile(join(record.folder, BACKUPS_DIR, backup.id), 'garbage that is not SQLite')
    await expect(manager.restore(record.id, backup.id)).rejects.toMatchObject({ code: 'storage' })
    expect(await notes(manager)).toEqual(['Demo user'])
    await manager.close()
  })

  it('opens a damaged database to an error status, never overwrites it, and can restore over it', async () => {
    const first = await managerOnDisk()
    const { record } = await first.manager.start()
    const backup = await first.manager.backup()
    await first.manager.close()
    const file = join(record.folder, DATABASE_FILE)
    for (const name of await readdir(record.folder)) {
      if (name.startsWith(`${DATABASE_FILE}-`)) await writeFile(join(record.folder, name), '')
    }
    await writeFile(file, 'this is not a database')

    const second = await managerOnDisk(first.dataRoot)
    await second.manager.start()
    expect(second.manager.active().database.status()).toMatchObject({ state: 'error' })
    await expect(second.manager.backup()).rejects.toMatchObject({ code: 'storage' })
    expect(await readFile(file, 'utf8')).toBe('this is not a database')

    const { movedAside } = await second.manager.restore(record.id, backup.id)
    expect(await notes(second.manager)).toEqual(['Demo user'])
    expect(await readFile(movedAside, 'utf8')).toBe('this is not a database')
    await second.manager.close()
  })
})
