import type { HandlerMap } from '../ipc/router'
import { exportProposal, type ProposalExporterContext } from './export-service'

export function proposalExportHandlers(context: ProposalExporterContext) {
  return {
    'proposals.export': (input) => exportProposal(context, input),
  } satisfies Partial<HandlerMap>
}
