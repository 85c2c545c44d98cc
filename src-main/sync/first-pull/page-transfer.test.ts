import { fillWithDefaultSettings, type RxDocumentData, type RxJsonSchema } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { announcedPage, pullAnnouncement } from '@shared/sync/protocol'
import { exampleDocuments } from '@shared/model/examples'
import { collectionDefinitions } from '@shared/model/registry'
import { rowLayoutOf } from '../../db/storage/bulk-load'
import { packPage, unpackPage } from './page-transfer'
import { preparePullPage } from './prepare-page'

const layout = rowLayoutOf(
  fillWithDefaultSettings(collectionDefinitions.tickets.rxSchema as never) as RxJsonSchema<
    RxDocumentData<unknown>
  >,
)
const stamp = { lwt: 1_700_000_000_000.01, revision: '1-abc' }
const ticket = exampleDocuments.tickets[0]
const answer = (documents: unknown[], checkpoint: unknown = { id: 'x', seq: 7 }) =>
  new TextEncoder().encode(JSON.stringify({ documents, checkpoint }))

describe('a first-sync page prepared for the table', () => {
  it('crosses threads with every row as built, keys included', () => {
    const docs = [
      { ...ticket, id: 'a1', _deleted: false, subject: 'Émoji 🚀 in a subject' },
      { ...ticket, id: 'a2', _deleted: true },
    ]
    const page = preparePullPage(answer(docs), layout, stamp)
    expect(page?.rows).toHaveLength(2)
    // structuredClone is what postMessage does to the packed page.
    const arrived = unpackPage(structuredClone(packPage(page!)))
    expect(arrived).toEqual(page)
    expect(arrived.rows[1]?.slice(0, 4)).toEqual(['a2', expect.any(String), 1, stamp.lwt])
    const stored = JSON.parse(String(arrived.rows[0]?.[1])) as Record<string, unknown>
    expect(stored).toMatchObject({
      id: 'a1',
      _meta: { lwt: stamp.lwt },
      _rev: '1-abc',
      _attachments: {},
    })
    expect(Object.keys(stored).slice(-3)).toEqual(['_meta', '_rev', '_attachments'])
  })

  it('is refused when the bytes are not a pull answer', () => {
    expect(
      preparePullPage(new TextEncoder().encode('{"documents": ['), layout, stamp),
    ).toBeUndefined()
    expect(
      preparePullPage(answer([{ ...ticket, _deleted: false, id: '' }]), layout, stamp),
    ).toBeUndefined()
    expect(preparePullPage(answer([{ ...ticket, id: 'a1' }]), layout, stamp)).toBeUndefined() // no _deleted
    expect(preparePullPage(answer([], { id: 'x' }), layout, stamp)).toBeUndefined()
  })
})

describe("a pull answer's announcement", () => {
  const headers = (values: Record<string, string>) => new Headers(values)
  it('reads back what the server announced', () => {
    expect(announcedPage(headers(pullAnnouncement(1000, { id: 'z', seq: 9 })))).toEqual({
      count: 1000,
      checkpoint: { id: 'z', seq: 9 },
    })
    expect(announcedPage(headers(pullAnnouncement(0, null)))).toEqual({
      count: 0,
      checkpoint: null,
    })
  })

  it('is ignored when absent or malformed', () => {
    expect(announcedPage(headers({}))).toBeUndefined()
    const valid = pullAnnouncement(5, { id: 'z', seq: 9 })
    for (const [name, value] of [
      ['tierline-page-count', '-1'],
      ['tierline-page-count', '2.5'],
      ['tierline-page-checkpoint', '{"id":"z"'],
      ['tierline-page-checkpoint', '{"id":"","seq":1}'],
    ] as const) {
      expect(announcedPage(headers({ ...valid, [name]: value }))).toBeUndefined()
    }
  })
})
