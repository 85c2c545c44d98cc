import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { authenticate } from './auth/users'
import { runCli } from './cli'
import { openDatabase } from './db/open'
import { tableOf } from './db/tables'
import { validateDocument } from '@shared/model/validate'
import { skipping, testBackends } from './testing/backends'

describe.each(testBackends)('server CLI on $name', (backend) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tierline-cli-'))
  let databaseUrl: string | undefined
  let drop: (() => Promise<void>) | undefined

  afterAll(async () => {
    await drop?.()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const cli = async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCli(argv, {
      env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    })
    return { code, out, err }
  }
  /** The `users` document clients pull for this email, validated by its collection schema. */
  const userDocument = async (email: string) => {
    const db = await openDatabase({ databaseUrl, dataDir })
    try {
      const rows = await db.query<{ data: Record<string, unknown> }>(
        `SELECT data FROM ${tableOf('users')} WHERE data->>'email' = $1 AND NOT deleted`,
        [email],
      )
      expect(rows).toHaveLength(1)
      const parsed = validateDocument('users', rows[0]?.data ?? {})
      expect(parsed.ok).toBe(true)
      return rows[0]?.data
    } finally {
      await db.close()
    }
  }
  const check = async (token: string) => {
    const db = await openDatabase({ databaseUrl, dataDir })
    try {
      return await authenticate(db, token, new Date())
    } finally {
      await db.close()
    }
  }

  it.skipIf(skipping(backend.skipReason))(
    'adds users, issues tokens that work, and revokes them',
    async () => {
      if (backend.name === 'postgres') {
        // A fresh database for the CLI; its URL is what DATABASE_URL would be.
        const opened = await backend.open()
        const rows = await opened.db.query<{ name: string }>('SELECT current_database() AS name')
        const url = new URL(process.env.TIERLINE_TEST_DATABASE_URL ?? '')
        url.pathname = `/${rows[0]?.name}`
        databaseUrl = url.toString()
        drop = opened.drop
      }
      const lead = await cli(
        'user',
        'add',
        '--email',
        'Lead@Example.com',
        '--name',
        'Lead',
        '--role',
        'manager',
        '--data-dir',
        dataDir,
      )
      expect(lead.code, lead.err.join('\n')).toBe(0)
      const added = await cli(
        'user',
        'add',
        '--email',
        'csm@example.com',
        '--name',
        'Casey',
        '--role',
        'csm',
        '--manager',
        'lead@example.com',
        '--data-dir',
        dataDir,
      )
      expect(added.code, added.err.join('\n')).toBe(0)
      expect(added.out[0]).toMatch(/^user [0-9A-Z]{26} csm@example.com \(csm\)$/)

      const issued = await cli(
        'token',
        'issue',
        '--user',
        'csm@example.com',
        '--days',
        '7',
        '--data-dir',
        dataDir,
      )
      expect(issued.code).toBe(0)
      const token = issued.out[1] ?? ''
      expect(token).toMatch(/^tl_[A-Za-z0-9_-]{43}$/)
      const principal = await check(token)
      expect(principal).toMatchObject({ email: 'csm@example.com', role: 'csm' })

      const disabled = await cli(
        'user',
        'disable',
        '--user',
        'csm@example.com',
        '--data-dir',
        dataDir,
      )
      expect(disabled.code).toBe(0)
      expect(await check(token)).toBeUndefined()
      // The replicated users collection follows: clients see who Casey is and that they left.
      expect(await userDocument('csm@example.com')).toMatchObject({
        name: 'Casey',
        role: 'csm',
        active: false,
        managerId: (await userDocument('lead@example.com'))?.['id'],
      })
      await cli('user', 'enable', '--user', 'csm@example.com', '--data-dir', dataDir)
      expect(await check(token)).toBeDefined()
      expect(await userDocument('csm@example.com')).toMatchObject({ active: true })

      const revoked = await cli(
        'token',
        'revoke',
        '--user',
        'csm@example.com',
        '--data-dir',
        dataDir,
      )
      expect(revoked).toMatchObject({ code: 0, out: ['revoked 1 token'] })
      expect(await check(token)).toBeUndefined()
      // Nothing left to revoke: a non-zero exit, so scripts notice.
      expect(
        (await cli('token', 'revoke', '--user', 'csm@example.com', '--data-dir', dataDir)).code,
      ).toBe(1)
    },
    120_000,
  )

  it.skipIf(skipping(backend.skipReason))(
    'refuses bad input with a message and a non-zero exit',
    async () => {
      const role = await cli(
        'user',
        'add',
        '--email',
        'x@example.com',
        '--name',
        'X',
        '--role',
        'owner',
        '--data-dir',
        dataDir,
      )
      expect(role.code).toBe(1)
      expect(role.err.join('\n')).toContain('--role is admin, manager, csm or tam')
      const missing = await cli(
        'token',
        'issue',
        '--user',
        'nobody@example.com',
        '--data-dir',
        dataDir,
      )
      expect(missing).toMatchObject({ code: 1, err: ['No user nobody@example.com'] })
      const unknown = await cli('frobnicate')
      expect(unknown.code).toBe(2)
      expect((await cli('--bogus')).code).toBe(2)
    },
    60_000,
  )
})
