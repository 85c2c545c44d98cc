import { Card } from '@mantine/core'
import { useMemo } from 'react'
import { segments, type Segment } from '@shared/model/enums'
import type { ValueStory } from '@shared/model/proposal-content'
import type { PricedProposal } from '@shared/proposals/pricing'
import type { ProposalDetail } from '@shared/proposals/proposal-queries'
import { storyVariablesFromProposal } from '@shared/proposals/story-variables'
import { useInvoke } from '../../app/ipc-hooks'
import { ValueStoryEditor, type ValueStoryDraft } from './value-story/ValueStoryEditor'

const isSegment = (value: string): value is Segment =>
  (segments as readonly string[]).includes(value)

/**
 * The value story of the draft: the library's editor (templates, case studies, preview) fed with
 * the proposal's variables. Templates fill from the draft's live pricing when it prices, so a
 * story drafted after changing the discount quotes the new total.
 */
export function ValueStoryPanel(props: {
  readonly detail: ProposalDetail
  readonly valueStory: ValueStory
  readonly caseStudyIds: readonly string[]
  readonly targetTierId: string
  readonly priced: PricedProposal | null
  readonly locale: string
  readonly disabled: boolean
  readonly onChange: (valueStory: ValueStory, caseStudyIds: string[]) => void
}) {
  const { detail, locale } = props
  const companyName = useInvoke('proposalSettings.get').data?.branding.companyName ?? null
  const livePriced = props.priced ?? detail.priced
  const variables = useMemo(
    () => storyVariablesFromProposal({ ...detail, priced: livePriced }, { locale, companyName }),
    [detail, livePriced, locale, companyName],
  )
  const value: ValueStoryDraft = { ...props.valueStory, caseStudyIds: props.caseStudyIds }
  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-label="Value story"
      data-testid="value-story-panel"
    >
      <ValueStoryEditor
        value={value}
        variables={variables}
        segment={isSegment(detail.account.segment) ? detail.account.segment : null}
        targetTierId={props.targetTierId}
        disabled={props.disabled}
        onChange={({ caseStudyIds, ...story }) => props.onChange(story, [...caseStudyIds])}
      />
    </Card>
  )
}
