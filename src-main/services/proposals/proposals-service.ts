import type { CurrentUser } from '@shared/session/current-user'
import type { TierlineDatabase } from '../../db/workspace-store'
import type { ProposalsService } from './handlers'
import type { EvidenceSources } from './proposal-evidence'
import { createProposalReads } from './proposal-reads'
import { createProposalStatus } from './proposal-status'
import { createProposalWrites } from './proposal-writes'

/** The proposals domain behind its channels: reads, version writes and the status workflow. */
export function createProposalsService(options: {
  readonly rx: () => Promise<TierlineDatabase>
  /** "Me": the acting-as user in a local workspace. */
  readonly me: { current(): Promise<CurrentUser> }
  readonly evidence: EvidenceSources
  readonly now?: () => Date
  readonly newId?: () => string
}): ProposalsService {
  const now = options.now ?? (() => new Date())
  const common = { rx: options.rx, now }
  const reads = createProposalReads({ ...common, viewer: options.me })
  const writes = createProposalWrites({
    ...common,
    me: options.me,
    evidence: options.evidence,
    ...(options.newId === undefined ? {} : { newId: options.newId }),
  })
  const status = createProposalStatus({ ...common, me: options.me })
  return {
    'proposals.start': (input) => writes.start(input),
    'proposals.preview': (input) => reads.preview(input),
    'proposals.save': (input) => writes.save(input),
    'proposals.get': ({ id }) => reads.get(id),
    'proposals.list': (input) => reads.list(input),
    'proposals.versions': ({ id }) => reads.versions(id),
    'proposals.diff': (input) => reads.diff(input),
    'proposals.restore': (input) => writes.restore(input),
    'proposals.setStatus': (input) => status.setStatus(input),
    'proposals.duplicate': (input) => writes.duplicate(input),
    'proposals.archive': (input) => writes.archive(input),
  }
}
