import { Alert, Badge, Button, CloseButton, Group, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconBooks, IconWand } from '@tabler/icons-react'
import { useState } from 'react'
import type { Segment } from '@shared/model/enums'
import { valueStorySections, type ValueStorySection } from '@shared/model/story-template'
import {
  appendBlock,
  caseStudyQuote,
  renderStoryTemplate,
  storySectionLabels,
  type StoryVariables,
  type ValueStoryDraft,
} from '@shared/proposals/value-story'
import { useInvoke } from '../../../app/ipc-hooks'
import { ConfirmButton } from '../../../components/ConfirmButton'
import { MarkdownField } from '../../../components/MarkdownField'
import { CaseStudyPicker } from './CaseStudyPicker'

export type { ValueStoryDraft } from '@shared/proposals/value-story'

/** What a draft left unfilled in one section, shown under it until the next draft. */
interface DraftNotice {
  readonly unknown: readonly string[]
  readonly missing: readonly string[]
}

/**
 * The proposal's value story: four Markdown sections with Write / Preview, drafted from the
 * workspace's templates with the proposal's variables, and case studies quoted from the library.
 * Presentational: the builder owns the value and saving; this component reads only the library
 * (templates, case studies). Drafting over text asks first.
 */
export function ValueStoryEditor(props: {
  readonly value: ValueStoryDraft
  readonly onChange: (next: ValueStoryDraft) => void
  /** Formatted values for the templates' `{{variables}}` (see src-shared/proposals/value-story.ts). */
  readonly variables: StoryVariables
  /** The account's segment and the target `tierId`, to offer the case studies that fit. */
  readonly segment?: Segment | null
  readonly targetTierId?: string | null
  readonly disabled?: boolean
}) {
  const templates = useInvoke('storyTemplates.list')
  const [notices, setNotices] = useState<Partial<Record<ValueStorySection, DraftNotice>>>({})
  const [picking, setPicking] = useState(false)
  const citedIds = props.value.caseStudyIds
  const cited = useInvoke('caseStudies.list', { includeArchived: true })
  const citedNames = new Map(
    (cited.data ?? []).map((item) => [item.caseStudy.id, item.caseStudy.name]),
  )
  const disabled = props.disabled === true

  const draft = (sections: readonly ValueStorySection[]) => {
    const items = templates.data
    if (items === undefined) return
    const next: Record<ValueStorySection, string> = { ...props.value }
    const nextNotices = { ...notices }
    for (const section of sections) {
      const template = items.find((item) => item.section === section)
      if (template === undefined) continue
      const rendered = renderStoryTemplate(template.bodyMarkdown, props.variables)
      next[section] = rendered.markdown
      nextNotices[section] =
        rendered.unknown.length + rendered.missing.length > 0
          ? { unknown: rendered.unknown, missing: rendered.missing }
          : undefined
    }
    setNotices(nextNotices)
    props.onChange({ ...props.value, ...next })
  }

  const written = valueStorySections.filter((section) => props.value[section].trim() !== '')
  const templatesReady = templates.data !== undefined

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          Value story
        </Title>
        <Group gap="xs">
          <ConfirmButton
            variant="light"
            leftSection={<IconWand size={16} />}
            disabled={disabled || !templatesReady}
            loading={templates.isPending}
            skip={written.length === 0}
            question={`Replace the text of ${written.length === 4 ? 'all four sections' : written.map((s) => storySectionLabels[s]).join(', ')} with a draft from the templates?`}
            confirmLabel="Replace"
            onConfirm={() => draft(valueStorySections)}
          >
            Draft from templates
          </ConfirmButton>
          <Button
            variant="light"
            leftSection={<IconBooks size={16} />}
            disabled={disabled}
            onClick={() => setPicking(true)}
          >
            Insert case study
          </Button>
        </Group>
      </Group>
      {templates.isError && (
        <Alert color="red" icon={<IconAlertTriangle />} title="Templates could not be loaded">
          {templates.error.message}
        </Alert>
      )}
      {valueStorySections.map((section) => {
        const notice = notices[section]
        const label = storySectionLabels[section]
        return (
          <Stack key={section} gap={4}>
            <MarkdownField
              label={label}
              value={props.value[section]}
              disabled={disabled}
              onChange={(text) => props.onChange({ ...props.value, [section]: text })}
              emptyPreview="Nothing written yet: draft it from the template or write it."
            />
            <Group justify="flex-end">
              <ConfirmButton
                variant="subtle"
                size="xs"
                disabled={disabled || !templatesReady}
                skip={props.value[section].trim() === ''}
                aria-label={`Draft from template: ${label}`}
                question={`Replace the ${label.toLowerCase()} text with a draft from its template?`}
                confirmLabel="Replace"
                onConfirm={() => draft([section])}
              >
                Draft from template
              </ConfirmButton>
            </Group>
            {notice !== undefined && (
              <Alert color="orange" icon={<IconAlertTriangle />} p="xs" role="status">
                <Text size="sm">
                  {notice.missing.length > 0 &&
                    `No value yet for ${notice.missing.map((name) => `{{${name}}}`).join(', ')}: it stays in the text for you to fill. `}
                  {notice.unknown.length > 0 &&
                    `The template uses unknown variables ${notice.unknown.map((name) => `{{${name}}}`).join(', ')}: fix the template under Case studies → Value-story templates.`}
                </Text>
              </Alert>
            )}
          </Stack>
        )
      })}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Case studies cited
        </Text>
        {citedIds.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        ) : (
          <Group gap="xs" aria-label="Case studies cited">
            {citedIds.map((id) => (
              <Badge
                key={id}
                variant="light"
                rightSection={
                  <CloseButton
                    size="xs"
                    disabled={disabled}
                    aria-label={`Stop citing ${citedNames.get(id) ?? 'this case study'}`}
                    onClick={() =>
                      props.onChange({
                        ...props.value,
                        caseStudyIds: citedIds.filter((cid) => cid !== id),
                      })
                    }
                  />
                }
              >
                {citedNames.get(id) ?? 'Deleted case study'}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      {picking && (
        <CaseStudyPicker
          segment={props.segment ?? null}
          tierId={props.targetTierId ?? null}
          alreadyCited={citedIds}
          onClose={() => setPicking(false)}
          onPick={(caseStudy, section) => {
            setPicking(false)
            props.onChange({
              ...props.value,
              [section]: appendBlock(props.value[section], caseStudyQuote(caseStudy)),
              caseStudyIds: citedIds.includes(caseStudy.id)
                ? citedIds
                : [...citedIds, caseStudy.id],
            })
          }}
        />
      )}
    </Stack>
  )
}
