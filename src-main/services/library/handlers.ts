import type { HandlerMap } from '../ipc/router'
import type { CaseStudiesRepository } from './case-studies-repository'
import type { ProposalSettingsService } from './proposal-settings-service'
import type { StoryTemplatesRepository } from './story-templates-repository'

export function libraryHandlers(services: {
  readonly caseStudies: CaseStudiesRepository
  readonly storyTemplates: StoryTemplatesRepository
  readonly proposalSettings: ProposalSettingsService
}) {
  const { caseStudies, storyTemplates, proposalSettings } = services
  return {
    'caseStudies.list': (input) => caseStudies.list(input),
    'caseStudies.save': (input) => caseStudies.save(input),
    'caseStudies.delete': (input) => caseStudies.delete(input),
    'caseStudies.restore': (input) => caseStudies.restore(input),
    'storyTemplates.list': () => storyTemplates.list(),
    'storyTemplates.save': (input) => storyTemplates.save(input),
    'storyTemplates.reset': (input) => storyTemplates.reset(input),
    'proposalSettings.get': () => proposalSettings.get(),
    'proposalSettings.save': (input) => proposalSettings.save(input),
  } satisfies Partial<HandlerMap>
}
