import {
  ActionIcon,
  Button,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { CaseStudyFields } from '@shared/library/case-study-queries'
import type { CaseStudy } from '@shared/model/case-study'
import { segments, type Segment } from '@shared/model/enums'
import { useMutate } from '../../app/ipc-hooks'
import { ConfirmButton } from '../../components/ConfirmButton'
import { MarkdownField } from '../../components/MarkdownField'
import { SaveProblemAlert } from '../tiers/SaveProblemAlert'
import { issuesByField, segmentLabels } from './library-format'

const emptyFields: CaseStudyFields = {
  name: '',
  customerLabel: '',
  segments: [],
  tierIds: [],
  bodyMarkdown: '',
  figures: [],
  archived: false,
}

const fieldsOf = (caseStudy: CaseStudy): CaseStudyFields => ({
  name: caseStudy.name,
  customerLabel: caseStudy.customerLabel,
  segments: caseStudy.segments,
  tierIds: caseStudy.tierIds,
  bodyMarkdown: caseStudy.bodyMarkdown,
  figures: caseStudy.figures,
  archived: caseStudy.archived,
})

/** Create or edit one case study; main validates, and a refused save keeps the draft open. */
export function CaseStudyEditor(props: {
  /** The story being edited, or null for a new one. */
  readonly caseStudy: CaseStudy | null
  readonly tiers: readonly { readonly value: string; readonly label: string }[]
  readonly onClose: () => void
}) {
  const initial = props.caseStudy === null ? emptyFields : fieldsOf(props.caseStudy)
  const [draft, setDraft] = useState<CaseStudyFields>(initial)
  const save = useMutate('caseStudies.save')
  const errors = issuesByField(save.error, 'caseStudy.')
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial)
  const set = <K extends keyof CaseStudyFields>(key: K, value: CaseStudyFields[K]) =>
    setDraft((current) => ({ ...current, [key]: value }))

  const submit = () =>
    save.mutate(
      {
        id: props.caseStudy?.id ?? null,
        baseUpdatedAt: props.caseStudy?.updatedAt ?? null,
        caseStudy: draft,
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: `“${saved.name}” saved.` })
          props.onClose()
        },
      },
    )

  return (
    <Modal
      opened
      onClose={() => (dirty ? undefined : props.onClose())}
      // With unsaved changes only Cancel (which asks first) closes the editor.
      withCloseButton={!dirty}
      closeOnEscape={!dirty}
      closeOnClickOutside={!dirty}
      title={props.caseStudy === null ? 'New case study' : `Edit “${props.caseStudy.name}”`}
      size="xl"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Stack gap="md">
          {save.error !== null && errors.size === 0 && (
            <SaveProblemAlert problem={save.error} issues={[]} title="Not saved" />
          )}
          <TextInput
            label="Title"
            required
            maxLength={160}
            value={draft.name}
            error={errors.get('name')}
            onChange={(event) => set('name', event.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label="Customer (anonymised)"
            description="Describe, don’t name: proposals go to other customers. E.g. “A European logistics company, 2,000 seats”"
            required
            maxLength={120}
            value={draft.customerLabel}
            error={errors.get('customerLabel')}
            onChange={(event) => set('customerLabel', event.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <MultiSelect
              label="Segments"
              description="Empty: fits any segment"
              data={segments.map((value) => ({ value, label: segmentLabels[value] }))}
              value={[...draft.segments]}
              error={errors.get('segments')}
              onChange={(value) => set('segments', value as Segment[])}
              clearable
            />
            <MultiSelect
              label="Tiers"
              description="Empty: fits any tier"
              data={[...props.tiers]}
              value={[...draft.tierIds]}
              error={errors.get('tierIds')}
              onChange={(value) => set('tierIds', value)}
              clearable
            />
          </Group>
          <Stack gap={6}>
            <Text fw={500} size="sm" id="figures-label">
              Figures
            </Text>
            {draft.figures.length === 0 && (
              <Text size="xs" c="dimmed">
                Headline numbers, e.g. “S1 resolution time” → “−42 %”.
              </Text>
            )}
            {draft.figures.map((figure, index) => (
              <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
                <TextInput
                  aria-label={`Figure ${index + 1} label`}
                  placeholder="What was measured"
                  maxLength={80}
                  value={figure.label}
                  error={errors.get(`figures.${index}.label`)}
                  onChange={(event) => {
                    const label = event.currentTarget.value
                    set(
                      'figures',
                      draft.figures.map((f, i) => (i === index ? { ...f, label } : f)),
                    )
                  }}
                  flex={2}
                />
                <TextInput
                  aria-label={`Figure ${index + 1} value`}
                  placeholder="Value"
                  maxLength={40}
                  value={figure.value}
                  error={errors.get(`figures.${index}.value`)}
                  onChange={(event) => {
                    const value = event.currentTarget.value
                    set(
                      'figures',
                      draft.figures.map((f, i) => (i === index ? { ...f, value } : f)),
                    )
                  }}
                  flex={1}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Remove figure ${index + 1}`}
                  onClick={() =>
                    set(
                      'figures',
                      draft.figures.filter((_, i) => i !== index),
                    )
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={draft.figures.length >= 8}
                onClick={() => set('figures', [...draft.figures, { label: '', value: '' }])}
              >
                Add figure
              </Button>
            </Group>
          </Stack>
          <MarkdownField
            label="Story (Markdown)"
            value={draft.bodyMarkdown}
            error={errors.get('bodyMarkdown') ?? null}
            onChange={(value) => set('bodyMarkdown', value)}
            minRows={6}
          />
          <Switch
            label="Archived (kept for proposals that cite it, hidden from the picker)"
            checked={draft.archived}
            onChange={(event) => set('archived', event.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="sm">
            <ConfirmButton
              variant="default"
              question="Close without saving your changes?"
              confirmLabel="Discard"
              skip={!dirty}
              onConfirm={props.onClose}
            >
              Cancel
            </ConfirmButton>
            <Button type="submit" loading={save.isPending}>
              Save case study
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
