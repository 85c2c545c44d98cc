import { TierlineError } from '@shared/ipc/errors'
import type { Tier } from '@shared/model/tier'
import { defaultBranding, WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import type {
  ComparedTier,
  ExportBranding,
  ExportCaseStudy,
  ExportEvidenceItem,
  ProposalDocumentInput,
} from '@shared/proposals/document/input'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import type { TierlineDatabase } from '../../db/workspace-store'

/** Headings of the evidence kinds a proposal can quote (proposal-content.ts). */
const evidenceTitles: Readonly<Record<string, string>> = {
  'prevented-breaches': 'Breaches the target tier would have prevented',
  'sla-breaches': 'SLA breaches',
  'seat-overage': 'Seats in use above the plan',
  'usage-growth': 'Usage growth',
  's1-volume': 'Critical (S1) ticket volume',
  'entitlement-overuse': 'Entitlements used beyond the plan',
  'arr-band': 'Contract value band',
  'health-trend': 'Health trend',
}

export interface ExportSourceContext {
  /** Core's `proposals.get`: the proposal's head, current version, pricing and approval. */
  readonly getDetail: (id: string) => Promise<ProposalDetail>
  readonly rx: () => Promise<TierlineDatabase>
  /** The user's locale (app settings), for money, numbers and dates. */
  readonly locale: () => string
  readonly now?: () => Date
}

/**
 * Gathers a proposal's export input: the detail core computes (pricing, approval, evidence),
 * plus what the document prints beyond it — both tier versions' SLA targets and entitlements,
 * the evidence tickets, the quoted case studies and the workspace's branding.
 */
export function createExportSource(context: ExportSourceContext) {
  const now = context.now ?? (() => new Date())
  return async function loadExportInput(id: string): Promise<ProposalDocumentInput> {
    const detail = await context.getDetail(id)
    if (detail.priced === null) {
      throw new TierlineError(
        'validation',
        'This version of the proposal does not price any more; fix the pricing in the builder, save, then export.',
        { issues: detail.issues },
      )
    }
    const db = await context.rx()
    const { content, head, priced } = detail
    const [currentTier, targetTier, branding, caseStudies, evidence, owner] = await Promise.all([
      comparedTier(db, detail.currentTier.tierVersionId, priced.currency),
      comparedTier(db, detail.targetTier.tierVersionId, priced.currency),
      workspaceBranding(db),
      quotedCaseStudies(db, content.caseStudyIds),
      evidenceItems(db, detail),
      db.users.findOne(detail.owner.id).exec(),
    ])
    const approvedThis =
      head.approval.approvedVersion === head.currentVersion && detail.approval.approvedAt !== null
    return {
      proposalId: head.id,
      title: content.title,
      version: head.currentVersion,
      status: head.status,
      approval: {
        required: detail.approval.required,
        reasons: detail.approval.reasons.map((reason) => reason.message),
        approvedBy:
          approvedThis && detail.approval.approvedAt !== null
            ? {
                name: detail.approval.approvedByName ?? 'a manager',
                at: detail.approval.approvedAt,
              }
            : null,
      },
      generatedAt: now().toISOString(),
      locale: context.locale(),
      branding,
      account: {
        name: detail.account.name,
        segment: detail.account.segment,
        seats: detail.account.seats,
        arrMinor: detail.account.arr.amountMinor,
        currency: detail.account.arr.currency,
        renewalDate: detail.account.renewalDate,
      },
      preparedBy: { name: detail.owner.name, email: owner?.email ?? null },
      currentTier,
      targetTier,
      downgradeReason: content.downgradeReason,
      evidence,
      valueStory: content.valueStory,
      caseStudies,
      pricing: priced,
      validUntil: content.validUntil,
    }
  }
}

async function comparedTier(
  db: TierlineDatabase,
  versionId: string,
  currency: string,
): Promise<ComparedTier> {
  const tier = (await db.tiers.findOne(versionId).exec())?.toJSON() as Tier | undefined
  if (tier === undefined) {
    throw new TierlineError(
      'not-found',
      'A tier version this proposal compares is missing from the workspace.',
      {
        tierVersionId: versionId,
      },
    )
  }
  return {
    name: tier.name,
    rank: tier.rank,
    version: tier.version,
    sla: tier.definition.sla,
    entitlements: tier.definition.entitlements,
    price: tier.definition.prices.find((price) => price.currency === currency) ?? null,
  }
}

async function workspaceBranding(db: TierlineDatabase): Promise<ExportBranding> {
  const settings = (await db.library.findOne(WORKSPACE_SETTINGS_ID).exec())?.toJSON() as
    { kind: string; name?: string; branding?: ExportBranding } | undefined
  if (settings?.kind === 'workspace' && settings.branding !== undefined) return settings.branding
  return defaultBranding(settings?.name ?? 'Tierline')
}

async function quotedCaseStudies(
  db: TierlineDatabase,
  ids: readonly string[],
): Promise<ExportCaseStudy[]> {
  if (ids.length === 0) return []
  const found = await db.library.findByIds([...ids]).exec()
  // In the order the proposal quotes them; one deleted since is left out rather than failing.
  return ids.flatMap((id) => {
    const doc = found.get(id)?.toJSON() as
      | {
          kind: string
          name: string
          customerLabel: string
          bodyMarkdown: string
          figures: ExportCaseStudy['figures']
        }
      | undefined
    if (doc?.kind !== 'caseStudy') return []
    return [
      {
        title: doc.name,
        customerLabel: doc.customerLabel,
        bodyMarkdown: doc.bodyMarkdown,
        figures: doc.figures,
      },
    ]
  })
}

async function evidenceItems(
  db: TierlineDatabase,
  detail: ProposalDetail,
): Promise<ExportEvidenceItem[]> {
  const ids = [...new Set(detail.evidence.flatMap((item) => item.ticketIds))]
  const tickets = ids.length === 0 ? new Map() : await db.tickets.findByIds(ids).exec()
  const current = detail.currentTier.name
  const target = detail.targetTier.name
  return detail.evidence.map((item) => ({
    kind: item.kind,
    title: evidenceTitles[item.kind] ?? item.kind,
    summary: item.summary,
    figures: item.figures,
    tickets: item.ticketIds.flatMap((ticketId) => {
      const ticket = tickets.get(ticketId)?.toJSON() as
        | {
            number: number
            subject: string
            severity: 'S1' | 'S2' | 'S3' | 'S4'
            createdAt: string
            status: string
          }
        | undefined
      if (ticket === undefined) return []
      return [
        {
          number: ticket.number,
          subject: ticket.subject,
          severity: ticket.severity,
          openedAt: ticket.createdAt,
          metric: null,
          outcome:
            item.kind === 'prevented-breaches'
              ? `breached under ${current}; ${target}'s targets would have been met`
              : item.kind === 'sla-breaches'
                ? `breached under ${current}`
                : `${ticket.status.replace(/-/g, ' ')}`,
        },
      ]
    }),
  }))
}
