import type { HandlerMap } from '../ipc/router'
import type { ActivityWriter } from './activity-writer'
import type { TimelineRepository } from './timeline-repository'

export function activityHandlers(deps: {
  readonly timeline: TimelineRepository
  readonly writer: ActivityWriter
}) {
  return {
    'activities.timeline': (query) => deps.timeline.timeline(query),
    'activities.addNote': (input) => deps.writer.addNote(input),
    'activities.logCheckIn': (input) => deps.writer.logCheckIn(input),
    'activities.update': (input) => deps.writer.update(input),
    'activities.delete': (input) => deps.writer.delete(input),
    'activities.restore': (input) => deps.writer.restore(input),
  } satisfies Partial<HandlerMap>
}
