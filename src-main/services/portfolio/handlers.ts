import type { HandlerMap } from '../ipc/router'
import type { DesktopPort } from '../app/app-handlers'
import { exportPortfolioCsv } from './portfolio-export'
import type { PortfolioReadModel } from './portfolio-read-model'

export function portfolioHandlers(context: {
  readonly readModel: PortfolioReadModel
  readonly desktop: DesktopPort
  readonly now?: () => Date
}) {
  const now = context.now ?? (() => new Date())
  return {
    'portfolio.list': (query) => context.readModel.list(query),
    'portfolio.exportCsv': (input) =>
      exportPortfolioCsv({
        readModel: context.readModel,
        desktop: context.desktop,
        input,
        today: now().toISOString().slice(0, 10),
      }),
  } satisfies Partial<HandlerMap>
}
