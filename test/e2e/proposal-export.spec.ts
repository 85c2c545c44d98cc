import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { Account } from '@shared/model/account'
import type { ProposalExportProgress } from '@shared/proposals/document/export-input'
import { readPdfText, renderPdfFirstPage } from '../fixtures/export-readers'
import { expect, test } from './harness/fixtures'

/**
 * `proposals.export` as the renderer calls it over the bridge: progress arrives in the page on
 * `proposals.exportProgress`, the file lands where the save dialog said, and it reads back.
 * (The builder screen's own flow is in proposals.spec.ts.)
 */
test('a proposal exports to PDF with progress in the page and a readable first page', async ({
  app,
  bridge,
}, testInfo) => {
  const rx = (await bridge.services.workspaces.current()).database.rx()
  const tiers = currentTierVersions(
    (await rx.tiers.find().exec()).map((doc) => doc.toJSON() as Tier),
    new Date().toISOString().slice(0, 10),
  )
  const top = Math.max(...tiers.map((tier) => tier.rank))
  const account = (await rx.accounts.find().exec())
    .map((doc) => doc.toJSON() as Account)
    .find((candidate) => (tiers.find((t) => t.tierId === candidate.tierId)?.rank ?? top) < top)
  if (account === undefined) throw new Error('no account below the top tier')
  const started = await bridge.services.router.dispatch(
    'proposals.start',
    { accountId: account.id },
    { trusted: true },
  )
  if (!started.ok) throw new Error(started.error.message)
  const id = (started.value as { id: string }).id

  const { result, events } = await app.evaluate(async (proposalId) => {
    const seen: ProposalExportProgress[] = []
    const stop = window.tierline.subscribe('proposals.exportProgress', (event) => seen.push(event))
    const answer = await window.tierline.invoke('proposals.export', {
      id: proposalId,
      format: 'pdf',
    })
    // The last event can trail the answer on the socket by a moment.
    for (let wait = 0; wait < 50 && !seen.some((event) => event.done); wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    stop()
    return { result: answer, events: seen }
  }, id)

  expect(result).toMatchObject({ ok: true, value: { saved: true } })
  const shares = events.map((event) => event.share)
  expect(shares.length).toBeGreaterThan(5)
  expect([...shares].sort((a, b) => a - b)).toEqual(shares)
  expect(events.at(-1)).toMatchObject({ proposalId: id, format: 'pdf', share: 1, done: true })

  const [path] = bridge.savedPaths
  if (path === undefined) throw new Error('nothing was saved')
  const pdf = await readPdfText(path)
  expect(pdf.pages[0]).toContain(account.name)
  expect(pdf.pages[0]).toContain('Total contract value')

  const png = await renderPdfFirstPage(path, testInfo.outputPath('proposal-page-1'))
  await testInfo.attach('proposal page 1', { path: png, contentType: 'image/png' })
})
