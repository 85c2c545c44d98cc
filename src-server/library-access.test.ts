import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments } from '@shared/model/examples'
import type { WorkspaceSettings } from '@shared/model/workspace-settings'
import type { SqlDatabase } from './db/database'
import { skipping, testBackends } from './testing/backends'
import { startTestServer } from './testing/server'
import { client, createWorld, wire, type World } from './testing/world'

/**
 * The library kinds of issue 8 on the team server, as the app allows them locally: case studies
 * and value-story templates are written by anyone in the team; in the workspace document a
 * non-admin may change the branding, and a manager also the approval threshold — nothing else,
 * and never delete it.
 */

const workspace = exampleDocuments.library.find(
  (doc): doc is WorkspaceSettings => doc.kind === 'workspace',
)
const caseStudy = exampleDocuments.library.find((doc) => doc.kind === 'caseStudy')
const template = exampleDocuments.library.find((doc) => doc.kind === 'storyTemplate')
if (workspace === undefined || caseStudy === undefined || template === undefined) {
  throw new Error('the examples lack a library kind')
}

describe.each(testBackends)('issue 8 library access on $name', (backend) => {
  let db: SqlDatabase
  let drop: () => Promise<void>
  let close: () => Promise<void>
  let api: ReturnType<typeof client>
  let world: World

  beforeAll(async () => {
    if (backend.skipReason) return
    ;({ db, drop } = await backend.open())
    const started = await startTestServer(db)
    close = () => started.server.close()
    api = client(started.baseUrl)
    world = await createWorld(db)
    const seeded = await api.push(world.tokens.admin, 'library', [
      { newDocumentState: wire(workspace) },
    ])
    expect(seeded.status).toBe(200)
  }, 60_000)

  afterAll(async () => {
    if (backend.skipReason) return
    await close()
    await drop()
  })

  const run = it.skipIf(skipping(backend.skipReason))

  async function stored(): Promise<WorkspaceSettings> {
    const { documents } = await api.pullAll(world.tokens.admin, 'library')
    const found = documents.find((doc) => doc.id === 'workspace')
    const { _deleted, ...rest } = found ?? {}
    return rest as unknown as WorkspaceSettings
  }

  const change = (
    token: string,
    before: WorkspaceSettings,
    next: WorkspaceSettings,
    deleted = false,
  ) =>
    api.push(token, 'library', [
      { newDocumentState: wire(next, deleted), assumedMasterState: wire(before) },
    ])

  run('anyone writes case studies and templates', async () => {
    const a = await api.push(world.tokens.a, 'library', [
      { newDocumentState: wire({ ...caseStudy, id: world.newId() }) },
    ])
    expect(a.status).toBe(200)
    const t = await api.push(world.tokens.t, 'library', [
      { newDocumentState: wire({ ...template, id: world.newId() }) },
    ])
    expect(t.status).toBe(200)
  })

  run('a CSM changes the branding, not the threshold or anything else', async () => {
    const before = await stored()
    const branded = { ...before, branding: { ...before.branding, companyName: 'Team brand' } }
    expect((await change(world.tokens.a, before, branded)).status).toBe(200)
    const now = await stored()
    expect(now.branding.companyName).toBe('Team brand')
    for (const next of [
      { ...now, approvalThresholdShare: 0.4 },
      { ...now, slaAtRiskShare: 0.5 },
    ]) {
      expect((await change(world.tokens.a, now, next)).status).toBe(403)
    }
    expect((await change(world.tokens.a, now, now, true)).status).toBe(403)
    expect(await stored()).toEqual(now)
  })

  run('a manager changes the threshold, not the rest; an admin anything', async () => {
    const before = await stored()
    const raised = { ...before, approvalThresholdShare: 0.2 }
    expect((await change(world.tokens.m, before, raised)).status).toBe(200)
    expect((await stored()).approvalThresholdShare).toBe(0.2)
    const renamed = { ...raised, name: 'Renamed by a manager' }
    expect((await change(world.tokens.m, raised, renamed)).status).toBe(403)
    expect((await change(world.tokens.admin, raised, renamed)).status).toBe(200)
    expect((await stored()).name).toBe('Renamed by a manager')
  })
})
