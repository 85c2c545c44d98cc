import type { HandlerMap } from '../ipc/router'
import type { ViewsRepository } from './views-repository'

export function viewHandlers(views: ViewsRepository) {
  return {
    'views.list': ({ screen }) => views.list(screen),
    'views.save': (input) => views.save(input),
    'views.rename': (input) => views.rename(input),
    'views.share': (input) => views.share(input),
    'views.delete': ({ id }) => views.delete(id),
  } satisfies Partial<HandlerMap>
}
