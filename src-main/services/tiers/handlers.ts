import type { HandlerMap } from '../ipc/router'
import type { CalendarsRepository } from './calendars-repository'
import type { TiersRepository } from './tiers-repository'

export function tierHandlers(tiers: TiersRepository, calendars: CalendarsRepository) {
  return {
    'tiers.catalogue': () => tiers.catalogue(),
    'tiers.versions': ({ tierId }) => tiers.versions(tierId),
    'tiers.compare': ({ fromVersionId, toVersionId }) => tiers.compare(fromVersionId, toVersionId),
    'tiers.draftChanges': (input) => tiers.draftChanges(input),
    'tiers.save': (input) => tiers.save(input),
    'calendars.list': () => calendars.list(),
    'calendars.save': (input) => calendars.save(input),
    'calendars.preview': (input) => calendars.preview(input),
  } satisfies Partial<HandlerMap>
}
