import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { InvokeChannel, InputOf, OutputOf } from '@shared/ipc/contract'
import { formatMoney } from '@shared/format/money'
import type { Account } from '@shared/model/account'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { ProposalExportProgress } from '@shared/proposals/document/export-input'
import { readDocxXml, readPdfText } from '../../../test/fixtures/export-readers'
import { recordingLogger } from '../../../test/fixtures/recording-logger'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { createMainServices, type MainServices } from '../main-services'

/**
 * The export path on a real SQLite demo workspace, through the router: a proposal
 * with a 20 % discount exports with DRAFT until a manager approves it, and the files carry
 * the figures core computes for it.
 */
let services: MainServices
let saved: string
const progress: ProposalExportProgress[] = []

async function call<C extends InvokeChannel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const answer = await services.router.dispatch(channel, input, { trusted: true })
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`)
  return answer.value as OutputOf<C>
}

async function openServices(): Promise<void> {
  saved = await tempDir('tierline-export-')
  services = await createMainServices({
    dataRoot: join(saved, 'data'),
    host: { name: 'Tierline', version: '1.2.3', runtime: { node: process.versions.node } },
    desktop: {
      openPath: async () => undefined,
      chooseSaveFile: async ({ defaultFileName }) => join(saved, defaultFileName),
    },
    log: recordingLogger(),
    demoBook: { accounts: 12, tickets: 240 },
  })
  onTestFinished(() => services.close())
  await services.ready
  services.events.subscribe((topic, payload) => {
    if (topic === 'proposals.exportProgress') progress.push(payload as ProposalExportProgress)
  })
}

describe('exporting a proposal from the workspace', () => {
  it('carries the stored figures, DRAFT until approved and none after', async () => {
    await openServices()
    const rx = (await services.workspaces.current()).database.rx()
    const tiers = currentTierVersions(
      (await rx.tiers.find().exec()).map((d) => d.toJSON() as Tier),
      new Date().toISOString().slice(0, 10),
    )
    const top = Math.max(...tiers.map((tier) => tier.rank))
    const accounts = (await rx.accounts.find().exec()).map((d) => d.toJSON() as Account)
    const account = accounts.find((candidate) => {
      const tier = tiers.find((t) => t.tierId === candidate.tierId)
      return tier !== undefined && tier.rank < top
    })
    if (account === undefined) throw new Error('no account below the top tier')

    // Branding as Settings → Proposals saves it, and a case study from the library.
    const settings = await call('proposalSettings.get', undefined)
    await call('proposalSettings.save', {
      approvalThresholdShare: settings.approvalThresholdShare,
      branding: {
        ...settings.branding,
        companyName: 'Halcyon Support Ltd',
        primaryColour: '#7048e8',
      },
      baseUpdatedAt: settings.updatedAt,
    })
    const study = await call('caseStudies.save', {
      id: null,
      baseUpdatedAt: null,
      caseStudy: {
        name: 'Faster recovery for a retailer',
        customerLabel: 'A Nordic retailer, 900 seats',
        segments: [],
        tierIds: [],
        bodyMarkdown: 'S1 recovery fell from **9 to 4 hours** after the upgrade.',
        figures: [{ label: 'S1 recovery', value: '−55 %' }],
        archived: false,
      },
    })

    const head = await call('proposals.start', { accountId: account.id })
    const started = await call('proposals.get', { id: head.id })
    const content = {
      ...started.content,
      caseStudyIds: [study.id],
      pricing: { ...started.content.pricing, discount: { kind: 'percent' as const, share: 0.2 } },
    }
    await call('proposals.save', { id: head.id, baseVersion: started.head.currentVersion, content })
    const detail = await call('proposals.get', { id: head.id })
    expect(detail.approval.required).toBe(true)
    const priced = detail.priced
    if (priced === null) throw new Error('the saved version does not price')
    const money = (amountMinor: number) =>
      formatMoney({ amountMinor, currency: priced.currency }, 'en-US')

    const pdf = await call('proposals.export', { id: head.id, format: 'pdf' })
    if (!pdf.saved) throw new Error('not saved')
    const text = (await readPdfText(pdf.path)).text
    expect(text).toContain(`${detail.currentTier.name} → ${detail.targetTier.name}`)
    expect(text).toContain(`Total contract value ${money(priced.totalContractValueMinor)}`)
    expect(text).toContain(`Annualised value ${money(priced.annualRecurringMinor)}`)
    expect(text).toContain(`−${money(priced.overallDiscountMinor)}`)
    expect(text).toContain(detail.account.name)
    for (const item of detail.evidence) expect(text).toContain(item.summary)
    expect(text).toContain('DRAFT')
    expect(text).toContain('Halcyon Support Ltd ·')
    expect(text).toContain('Case study: Faster recovery for a retailer')
    expect(text).toContain('A Nordic retailer, 900 seats')
    expect(progress.filter((event) => event.proposalId === head.id).at(-1)).toMatchObject({
      format: 'pdf',
      share: 1,
      done: true,
    })

    // Approval: in review as the owner, approved by a manager acting in this workspace.
    await call('proposals.setStatus', { id: head.id, to: 'in-review' })
    const { users } = await call('session.users', undefined)
    const manager = users.find((user) => user.role === 'manager')
    if (manager === undefined) throw new Error('no manager in the demo book')
    await call('session.switchUser', { userId: manager.id })
    await call('proposals.setStatus', { id: head.id, to: 'approved' })

    const approvedPdf = await call('proposals.export', { id: head.id, format: 'pdf' })
    const approvedDocx = await call('proposals.export', { id: head.id, format: 'docx' })
    if (!approvedPdf.saved || !approvedDocx.saved) throw new Error('not saved')
    const approvedText = (await readPdfText(approvedPdf.path)).text
    expect(approvedText).not.toContain('DRAFT')
    expect(approvedText).toContain(`Approved by ${manager.name}`)
    const docx = await readDocxXml(approvedDocx.path)
    expect(docx.headerText).not.toContain('DRAFT')
    expect(docx.text).toContain(money(priced.totalContractValueMinor))
    expect(docx.text).toContain(`${detail.targetTier.name} (proposed)`)
  }, 120_000)
})
