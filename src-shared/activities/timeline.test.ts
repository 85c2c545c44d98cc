import { describe, expect, it } from 'vitest'
import type { User } from '../model/user'
import { pickCurrentUser } from '../session/current-user'
import { titleFromMarkdown } from './activity-inputs'
import { timelinePage, type TierChangeEntry, type TimelineEntry } from './timeline'

const tier = (id: string, at: string): TierChangeEntry => ({
  kind: 'tier',
  id,
  at,
  fromTier: 'Standard (version 1)',
  toTier: 'Premium (version 2)',
  proposalTitle: 'Upgrade',
})

describe('timelinePage', () => {
  it('orders newest first with a fixed tie-break, so consecutive pages never overlap', () => {
    const entries: TimelineEntry[] = [
      tier('A', '2026-01-01T00:00:00.000Z'),
      tier('C', '2026-03-01T00:00:00.000Z'),
      tier('B', '2026-03-01T00:00:00.000Z'),
      tier('D', '2025-12-01T00:00:00.000Z'),
    ]
    const first = timelinePage(entries, { kinds: [], offset: 0, limit: 2 })
    const second = timelinePage([...entries].reverse(), { kinds: [], offset: 2, limit: 2 })
    expect(first.entries.map((e) => e.id)).toEqual(['C', 'B'])
    expect(second.entries.map((e) => e.id)).toEqual(['A', 'D'])
    expect(first.total).toBe(4)
    expect(timelinePage(entries, { kinds: ['note'], offset: 0, limit: 5 }).total).toBe(0)
  })
})

describe('titleFromMarkdown', () => {
  it('uses the first non-empty line without Markdown markers', () => {
    expect(titleFromMarkdown('\n\n## **Renewal** risk\nmore', 'Note')).toBe('Renewal risk')
    expect(titleFromMarkdown('- [ ] call `Dana`', 'Note')).toBe('call Dana')
    expect(titleFromMarkdown('   ', 'Note')).toBe('Note')
    expect(titleFromMarkdown('x'.repeat(200), 'Note')).toHaveLength(80)
  })
})

describe('pickCurrentUser', () => {
  const user = (id: string, role: User['role'], active = true): User => ({
    id,
    name: id,
    email: `${id.toLowerCase()}@example.com`,
    role,
    title: 'Title',
    managerId: null,
    timeZone: 'UTC',
    active,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'system:demo',
  })
  it('is the earliest active CSM, else the earliest active user', () => {
    const users = [
      user('03', 'csm'),
      user('01', 'admin'),
      user('02', 'csm', false),
      user('04', 'csm'),
    ]
    expect(pickCurrentUser(users)?.id).toBe('03')
    expect(pickCurrentUser([user('05', 'tam'), user('01', 'manager')])?.id).toBe('01')
    expect(pickCurrentUser([user('02', 'csm', false)])).toBeNull()
  })
})
