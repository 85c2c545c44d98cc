import { Box, Tabs, Text, Textarea } from '@mantine/core'
import { useId, useState } from 'react'
import { Markdown } from '../features/account/Markdown'

/**
 * A Markdown text with Write / Preview tabs: the case-study body, value-story sections and
 * templates. The preview renders with the notes' safe renderer (no raw HTML, no images).
 */
export function MarkdownField(props: {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly description?: string
  readonly error?: string | null
  readonly disabled?: boolean
  readonly minRows?: number
  readonly maxLength?: number
  /** Shown in the preview when the text is empty. */
  readonly emptyPreview?: string
}) {
  const [tab, setTab] = useState<string | null>('write')
  const id = useId()
  return (
    <Box>
      <Tabs value={tab} onChange={setTab} keepMounted={false} variant="outline">
        <Tabs.List aria-label={`${props.label}: write or preview`}>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            id={id}
            label={props.label}
            description={props.description}
            error={props.error ?? undefined}
            value={props.value}
            disabled={props.disabled}
            onChange={(event) => props.onChange(event.currentTarget.value)}
            autosize
            minRows={props.minRows ?? 4}
            maxRows={20}
            maxLength={props.maxLength ?? 20_000}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Text size="sm" fw={500} mb={4}>
            {props.label}
          </Text>
          <Box aria-label={`${props.label} preview`} role="region" mih={60}>
            {props.value.trim() === '' ? (
              <Text size="sm" c="dimmed">
                {props.emptyPreview ?? 'Nothing written yet.'}
              </Text>
            ) : (
              <Markdown>{props.value}</Markdown>
            )}
          </Box>
        </Tabs.Panel>
      </Tabs>
    </Box>
  )
}
