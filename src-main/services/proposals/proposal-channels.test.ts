import { describe, expect, it } from 'vitest'
import type { Proposal } from '@shared/model/proposal'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import type { SessionUsers } from '@shared/session/current-user'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { createMainServices } from '../main-services'

const trusted = { trusted: true }

/** The proposals and acting-as channels through the real router, as the renderer calls them. */
describe('proposals and session channels', () => {
  it('start, act as a manager, approve; malformed input is refused naming the field', async () => {
    const services = await createMainServices({
      dataRoot: await tempDir(),
      host: { name: 'Tierline', version: '1.2.3', runtime: { node: process.versions.node } },
      desktop: { openPath: async () => undefined },
      log: recordingLogger(),
      demoBook: { accounts: 8, tickets: 80 },
    })
    const value = async <T>(channel: string, input?: unknown): Promise<T> => {
      const result = await services.router.dispatch(channel, input, trusted)
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
      return result.value as T
    }
    try {
      await services.ready
      const rx = (await services.workspaces.current()).database.rx()
      const before = await rx.proposalVersions.count().exec()

      const malformed = await services.router.dispatch(
        'proposals.save',
        { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', baseVersion: -1, content: {} },
        trusted,
      )
      expect(malformed).toMatchObject({ ok: false, error: { code: 'validation' } })
      if (malformed.ok) throw new Error('accepted')
      expect(malformed.error.message).toContain('baseVersion')
      expect(await rx.proposalVersions.count().exec()).toBe(before)

      const accounts = (await rx.accounts.find().exec()).map((doc) => doc.id)
      let head: Proposal | null = null
      for (const accountId of accounts) {
        const started = await services.router.dispatch('proposals.start', { accountId }, trusted)
        if (started.ok) {
          head = started.value as Proposal
          break
        }
      }
      if (head === null) throw new Error('no account of the book could start a proposal')
      await value('proposals.setStatus', { id: head.id, to: 'in-review' })

      const people = await value<SessionUsers>('session.users')
      const manager = people.users.find((user) => user.role === 'manager')
      if (manager === undefined) throw new Error('the demo book has no manager')
      await value('session.switchUser', { userId: manager.id })
      const detail = await value<ProposalDetail>('proposals.get', { id: head.id })
      expect(detail.viewer).toMatchObject({ id: manager.id, role: 'manager' })
      const approved = await value<Proposal>('proposals.setStatus', {
        id: head.id,
        to: 'approved',
      })
      expect(approved.approval.approvedById).toBe(manager.id)
      expect(await rx.proposalVersions.count().exec()).toBe(before + 1)
    } finally {
      await services.close()
    }
  }, 120_000)
})
