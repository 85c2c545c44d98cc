import type { OutputOf, ParsedInputOf } from '@shared/ipc/contract'
import type { HandlerMap } from '../ipc/router'

type ProposalChannel =
  | 'proposals.start'
  | 'proposals.preview'
  | 'proposals.save'
  | 'proposals.get'
  | 'proposals.list'
  | 'proposals.versions'
  | 'proposals.diff'
  | 'proposals.restore'
  | 'proposals.setStatus'
  | 'proposals.duplicate'
  | 'proposals.archive'

/** What the proposals domain offers main: one function per channel. */
export type ProposalsService = {
  readonly [C in ProposalChannel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>>
}

export function proposalHandlers(proposals: ProposalsService) {
  return {
    'proposals.start': (input) => proposals['proposals.start'](input),
    'proposals.preview': (input) => proposals['proposals.preview'](input),
    'proposals.save': (input) => proposals['proposals.save'](input),
    'proposals.get': (input) => proposals['proposals.get'](input),
    'proposals.list': (input) => proposals['proposals.list'](input),
    'proposals.versions': (input) => proposals['proposals.versions'](input),
    'proposals.diff': (input) => proposals['proposals.diff'](input),
    'proposals.restore': (input) => proposals['proposals.restore'](input),
    'proposals.setStatus': (input) => proposals['proposals.setStatus'](input),
    'proposals.duplicate': (input) => proposals['proposals.duplicate'](input),
    'proposals.archive': (input) => proposals['proposals.archive'](input),
  } satisfies Partial<HandlerMap>
}
