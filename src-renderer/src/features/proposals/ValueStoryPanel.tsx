import { SimpleGrid, Textarea } from '@mantine/core'
import type { ValueStory } from '@shared/model/proposal-content'
import { storySectionLabels } from '@shared/proposals/value-story'
import { Panel } from '../account/Panel'

const sections = ['situation', 'impact', 'change', 'outcomes'] as const

/**
 * The value story's four Markdown sections. TODO(#8): the library engineer's ValueStoryEditor
 * (value-story/, with preview, templates and case studies) replaces these plain fields; the
 * props it takes are the same value and onChange.
 */
export function ValueStoryPanel(props: {
  readonly value: ValueStory
  readonly disabled: boolean
  readonly onChange: (next: ValueStory) => void
}) {
  return (
    <Panel title="Value story" testId="value-story-panel">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {sections.map((section) => (
          <Textarea
            key={section}
            label={storySectionLabels[section]}
            description="Markdown"
            autosize
            minRows={3}
            value={props.value[section]}
            disabled={props.disabled}
            onChange={(event) => {
              const text = event.currentTarget.value
              props.onChange({ ...props.value, [section]: text })
            }}
          />
        ))}
      </SimpleGrid>
    </Panel>
  )
}
