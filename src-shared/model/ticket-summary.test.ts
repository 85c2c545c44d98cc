import { describe, expect, it } from 'vitest'
import { exampleDocuments, exampleId } from './examples'
import type { TicketEvent } from './ticket-events'
import { summarizeTicketEvents } from './ticket-summary'

const [ticket] = exampleDocuments.tickets
if (ticket === undefined) throw new Error('example ticket missing')
const agent = { kind: 'agent', name: 'Sam' } as const
const at = (minute: number) => new Date(Date.UTC(2026, 0, 6, 9, minute)).toISOString()

const created: TicketEvent = {
  id: exampleId(100),
  at: at(0),
  actor: { kind: 'customer', name: 'Jo', contactId: null },
  type: 'created',
  severity: 'S3',
  channel: 'portal',
  body: 'Help',
}

describe('summarizeTicketEvents', () => {
  it('derives the stored summary of the example ticket and its status timeline', () => {
    const replay = summarizeTicketEvents(ticket.events)
    expect(replay.ok).toBe(true)
    if (!replay.ok) return
    expect(replay.summary).toMatchObject({ status: 'solved', severity: 'S1', escalationLevel: 1 })
    expect(replay.statuses.map((span) => span.status)).toEqual([
      'new',
      'waiting-on-customer',
      'solved',
    ])
  })

  it('tracks solve → reopen → solve → close', () => {
    const events: TicketEvent[] = [
      created,
      {
        id: exampleId(101),
        at: at(5),
        actor: agent,
        type: 'agent-reply',
        channel: 'portal',
        body: 'Hi',
      },
      {
        id: exampleId(102),
        at: at(5),
        actor: agent,
        type: 'status-change',
        from: 'new',
        to: 'open',
      },
      { id: exampleId(103), at: at(9), actor: agent, type: 'solved', resolution: 'Done' },
      { id: exampleId(104), at: at(20), actor: created.actor, type: 'reopened', reason: 'Again' },
      { id: exampleId(105), at: at(30), actor: agent, type: 'solved', resolution: 'Done' },
      {
        id: exampleId(106),
        at: at(40),
        actor: agent,
        type: 'status-change',
        from: 'solved',
        to: 'closed',
      },
    ]
    const replay = summarizeTicketEvents(events)
    expect(replay.ok && replay.summary).toEqual({
      createdAt: at(0),
      severity: 'S3',
      status: 'closed',
      firstResponseAt: at(5),
      lastCustomerMessageAt: at(0),
      lastAgentReplyAt: at(5),
      solvedAt: at(30),
      closedAt: at(40),
      reopenCount: 1,
      escalationLevel: 0,
    })
  })

  it.each([
    [[], 0, 'the first event must be created'],
    [[created, { ...created, id: exampleId(110) }], 1, 'only the first event may be created'],
    [
      [
        created,
        {
          id: exampleId(111),
          at: at(-1),
          actor: agent,
          type: 'internal-note',
          body: '',
          escalationLevel: null,
        },
      ],
      1,
      'events must be in time order',
    ],
    [
      [
        created,
        {
          id: exampleId(112),
          at: at(1),
          actor: agent,
          type: 'status-change',
          from: 'open',
          to: 'closed',
        },
      ],
      1,
      'status-change from open but the ticket is new',
    ],
    [
      [
        created,
        {
          id: exampleId(113),
          at: at(1),
          actor: agent,
          type: 'status-change',
          from: 'new',
          to: 'solved',
        },
      ],
      1,
      'use a solved event to solve a ticket',
    ],
    [
      [created, { id: exampleId(114), at: at(1), actor: agent, type: 'reopened', reason: '' }],
      1,
      'only a solved ticket can be reopened (it is new)',
    ],
    [
      [
        created,
        {
          id: exampleId(115),
          at: at(1),
          actor: agent,
          type: 'severity-change',
          from: 'S1',
          to: 'S2',
          reason: '',
        },
      ],
      1,
      'severity-change from S1 but it is S3',
    ],
    [[created, { ...created, type: 'customer-message' as const }], 1, 'duplicate event id'],
  ] as const)('rejects malformed histories (%#)', (events, index, message) => {
    expect(summarizeTicketEvents(events as readonly TicketEvent[])).toEqual({
      ok: false,
      index,
      message,
    })
  })
})
