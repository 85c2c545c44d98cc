import { describe, expect, it } from 'vitest'
import { proposalStatuses } from '../model/proposal'
import { availableTransitions, canTransition, statusAfterEdit, transitions } from './status-machine'

const base = { role: 'csm', approvalRequired: false, currentVersionApproved: false } as const

describe('proposal status machine', () => {
  it('walks draft → in review → approved → sent → accepted for a manager-approved version', () => {
    const path = ['draft', 'in-review', 'approved', 'sent', 'accepted'] as const
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] ?? 'draft'
      const to = path[i] ?? 'draft'
      const role = to === 'approved' ? 'manager' : 'csm'
      expect(
        canTransition({
          ...base,
          from,
          to,
          role,
          approvalRequired: true,
          currentVersionApproved: to !== 'approved',
        }),
        `${from} → ${to}`,
      ).toEqual({ allowed: true })
    }
  })

  it('lets only managers and admins approve or request changes', () => {
    for (const to of ['approved', 'changes-requested'] as const) {
      expect(canTransition({ ...base, from: 'in-review', to, role: 'csm' })).toMatchObject({
        allowed: false,
        code: 'role',
      })
      expect(canTransition({ ...base, from: 'in-review', to, role: 'tam' })).toMatchObject({
        allowed: false,
        code: 'role',
      })
      expect(canTransition({ ...base, from: 'in-review', to, role: 'manager' }).allowed).toBe(true)
      expect(canTransition({ ...base, from: 'in-review', to, role: 'admin' }).allowed).toBe(true)
    }
  })

  it('holds a version that needs approval back from sending until that version is approved', () => {
    expect(
      canTransition({ ...base, from: 'draft', to: 'sent', approvalRequired: true }),
    ).toMatchObject({ allowed: false, code: 'needs-approval' })
    expect(
      canTransition({
        ...base,
        from: 'draft',
        to: 'sent',
        approvalRequired: true,
        currentVersionApproved: true,
      }).allowed,
    ).toBe(true)
    expect(canTransition({ ...base, from: 'draft', to: 'sent' }).allowed).toBe(true)
  })

  it('makes accepted final and refuses moves the workflow does not have', () => {
    for (const to of proposalStatuses) {
      expect(canTransition({ ...base, from: 'accepted', to, role: 'admin' })).toMatchObject({
        allowed: false,
        code: 'invalid-transition',
      })
    }
    expect(canTransition({ ...base, from: 'draft', to: 'accepted' })).toMatchObject({
      allowed: false,
      code: 'invalid-transition',
      reason: expect.stringMatching(/draft cannot be marked accepted/),
    })
    expect(transitions.lost).toEqual(['draft'])
  })

  it('lists every move from a status with its verdict for this user', () => {
    expect(
      availableTransitions({ ...base, from: 'in-review' }).map((t) => [t.to, t.verdict.allowed]),
    ).toEqual([
      ['approved', false],
      ['changes-requested', false],
      ['draft', true],
      ['lost', true],
    ])
  })

  it('turns an edited proposal back into a draft, except one whose changes were requested', () => {
    expect(statusAfterEdit('approved')).toBe('draft')
    expect(statusAfterEdit('sent')).toBe('draft')
    expect(statusAfterEdit('changes-requested')).toBe('changes-requested')
  })
})
