import { fillWithDefaultSettings, type RxDocumentData, type RxJsonSchema } from 'rxdb'
import { describe, expect, it } from 'vitest'
import { announcedPage, pullAnnouncement, pullLines } from '@shared/sync/protocol'
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
/** An answer as the server lays it out (pullLines), from each document's own text. */
const linedAnswer = (texts: string[], checkpoint: unknown = { id: 'x', seq: 7 }) =>
  new TextEncoder().encode(
    [pullLines.first, texts.join(',\n'), `${pullLines.lastOpening}${JSON.stringify(checkpoint)}}`]
      .filter((line) => line !== '')
      .join('\n'),
  )
const storedText = (page: ReturnType<typeof preparePullPage>, row: number) =>
  Buffer.from(page?.rows[row]?.[1] as Uint8Array).toString('utf8')

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
    expect(arrived.rows[1]?.slice(0, 4)).toEqual(['a2', expect.any(Uint8Array), 1, stamp.lwt])
    const stored = JSON.parse(storedText(arrived, 0)) as Record<string, unknown>
    expect(stored).toMatchObject({
      id: 'a1',
      _meta: { lwt: stamp.lwt },
      _rev: '1-abc',
      _attachments: {},
    })
    expect(Object.keys(stored).slice(-3)).toEqual(['_meta', '_rev', '_attachments'])
  })

  it("keeps the server's text of each document when the answer has the server's line layout", () => {
    const accountId = ticket?.accountId
    // PostgreSQL's own JSON text: spaces after colons and commas, keys in its order.
    const texts = [
      `{"_deleted": false, "id": "b1", "accountId": "${accountId}", "subject": "Naïve 🚀"}`,
      `{"_deleted": true, "id": "b2", "accountId": "${accountId}"}`,
      `{"_deleted": false, "id": "b3", "accountId": "${accountId}", "n": [1, 2.50]}`,
    ]
    const page = preparePullPage(linedAnswer(texts, { id: 'b3', seq: 9 }), layout, stamp)
    expect(page?.count).toBe(3)
    expect(page?.checkpoint).toEqual({ id: 'b3', seq: 9 })
    const tail = ',"_meta":{"lwt":1700000000000.01},"_rev":"1-abc","_attachments":{}}'
    texts.forEach((text, i) => expect(storedText(page, i)).toBe(text.slice(0, -1) + tail))
    expect(page?.rows.map((row) => row.slice(0, 1).concat(row.slice(2, 4)))).toEqual([
      ['b1', 0, stamp.lwt],
      ['b2', 1, stamp.lwt],
      ['b3', 0, stamp.lwt],
    ])
    // The same documents parsed whole give the same rows: the same keys, the same documents.
    const whole = preparePullPage(answer(texts.map((t) => JSON.parse(t))), layout, stamp)
    expect(page?.rows.map((row) => row.slice(2))).toEqual(whole?.rows.map((row) => row.slice(2)))
    expect(texts.map((_, i) => JSON.parse(storedText(page, i)))).toEqual(
      texts.map((_, i) => JSON.parse(storedText(whole, i))),
    )
    expect(preparePullPage(linedAnswer([]), layout, stamp)).toEqual({
      count: 0,
      checkpoint: { id: 'x', seq: 7 },
      rows: [],
    })
  })

  it('parses an answer whole when its lines are not one document each', () => {
    const accountId = ticket?.accountId
    const one = `{"_deleted":false,"id":"c1","accountId":"${accountId}"}`
    const two = `{"_deleted":false,"id":"c2","accountId":"${accountId}"}`
    const expected = (page: ReturnType<typeof preparePullPage>) => {
      expect(page?.rows.map((row) => row[0])).toEqual(['c1', 'c2'])
      expect(JSON.parse(storedText(page, 1))).toMatchObject({ id: 'c2', _rev: '1-abc' })
    }
    // Two documents on one line; a document over two lines; space after a closing brace.
    expected(preparePullPage(linedAnswer([`${one},${two}`]), layout, stamp))
    expected(preparePullPage(linedAnswer([one.replace(',', ',\n'), two]), layout, stamp))
    expected(preparePullPage(linedAnswer([`${one} `, two]), layout, stamp))
    // Not UTF-8 (a lone continuation byte in a string): decoded leniently, stored as valid text.
    const bytes = linedAnswer([one, two.replace('c2"', 'c2", "x": "?"')])
    bytes[bytes.lastIndexOf('?'.charCodeAt(0))] = 0x80
    const lenient = preparePullPage(bytes, layout, stamp)
    expected(lenient)
    expect(JSON.parse(storedText(lenient, 1)).x).toBe('\ufffd')
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
    // In the line layout, too: a document without an id, a checkpoint without its seq.
    expect(preparePullPage(linedAnswer(['{"_deleted": false}']), layout, stamp)).toBeUndefined()
    expect(preparePullPage(linedAnswer([], { id: 'x' }), layout, stamp)).toBeUndefined()
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
