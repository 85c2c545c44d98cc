import type { SectionKind } from '@shared/proposals/document/model'

/** What the progress bar says while a writer lays out each section. */
const steps: Readonly<Record<SectionKind, string>> = {
  cover: 'Laying out the cover',
  summary: 'Writing the executive summary',
  evidence: 'Drawing the evidence charts and tables',
  valueStory: 'Setting the value story',
  comparison: 'Comparing the tiers',
  pricing: 'Writing the pricing table',
  terms: 'Writing the terms',
  acceptance: 'Adding the acceptance block',
}

export function sectionStep(kind: SectionKind): string {
  return steps[kind]
}
