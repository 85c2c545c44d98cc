import { TierlineError } from '@shared/ipc/errors'
import type { ProposalsService } from './handlers'

/**
 * TODO(issue 8): replaced by the real proposals service within this change set; it exists so
 * the contract could land first and the screens be built against it. Every call is refused
 * with a readable error, never a wrong answer.
 */
export function createPendingProposalsService(): ProposalsService {
  const pending = (channel: string) => () =>
    Promise.reject(
      new TierlineError('internal', `${channel} is not available yet in this build of Tierline.`),
    )
  return {
    'proposals.start': pending('proposals.start'),
    'proposals.preview': pending('proposals.preview'),
    'proposals.save': pending('proposals.save'),
    'proposals.get': pending('proposals.get'),
    'proposals.list': pending('proposals.list'),
    'proposals.versions': pending('proposals.versions'),
    'proposals.diff': pending('proposals.diff'),
    'proposals.restore': pending('proposals.restore'),
    'proposals.setStatus': pending('proposals.setStatus'),
    'proposals.duplicate': pending('proposals.duplicate'),
    'proposals.archive': pending('proposals.archive'),
  }
}
