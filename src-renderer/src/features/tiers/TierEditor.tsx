import {
  Button,
  Card,
  Divider,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useState } from 'react'
import type { Tier } from '@shared/model/tier'
import type { TierSaveResult } from '@shared/tiers/tier-queries'
import { useInvokeKeepingPrevious, useMutate } from '../../app/ipc-hooks'
import { DiscardButton } from './DiscardButton'
import { SaveProblemAlert } from './SaveProblemAlert'
import { fieldErrors, issuesOf } from './field-errors'
import { draftOf, saveInputOf, type TierDraft, type UpdateDraft } from './tier-draft'
import {
  EntitlementsSection,
  EscalationSection,
  GovernanceSection,
  PauseRulesSection,
  PricesSection,
  SlaSection,
} from './TierEditorSections'
import classes from './tiers.module.css'

/**
 * Edits the next version of a tier. Main validates and answers with per-field issues, shown
 * under each control; a save writes a new version and never touches `base`. Keyed by the base
 * version's id, so a newer version (saved here or arriving by sync) starts a fresh draft.
 */
export function TierEditor(props: {
  readonly base: Tier
  readonly today: string
  readonly onSaved: (result: TierSaveResult) => void
}) {
  const [draft, setDraft] = useState<TierDraft>(() => draftOf(props.base, props.today))
  const save = useMutate('tiers.save')
  const [debounced] = useDebouncedValue(draft, 300)
  // Main reads the draft as typed: its changes in sentences, or what is wrong with it.
  const changes = useInvokeKeepingPrevious('tiers.draftChanges', {
    baseVersionId: props.base.id,
    name: debounced.name,
    description: debounced.description,
    status: debounced.status,
    definition: debounced.definition,
  })
  const update: UpdateDraft = (change) => {
    // A refused save describes the draft it was given; from the next edit the live check speaks.
    if (save.error !== null) save.reset()
    setDraft((current) => {
      const next = structuredClone(current)
      change(next)
      return next
    })
  }
  const problem = save.error ?? (changes.isError ? changes.error : null)
  const issues = issuesOf(problem)
  const errors = fieldErrors(issues)
  const definitionErrors = fieldErrors(issues, 'definition.')

  return (
    <form
      aria-label={`Edit ${props.base.name}`}
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(saveInputOf(props.base, draft), { onSuccess: props.onSaved })
      }}
    >
      <Stack gap="lg">
        {problem !== null && (
          <SaveProblemAlert
            problem={problem}
            issues={issues}
            title={save.error !== null ? 'This version was not saved' : 'This draft has problems'}
          />
        )}
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput
              label="Name"
              value={draft.name}
              error={errors.at('name')}
              onChange={(event) => {
                const value = event.currentTarget.value
                update((d) => void (d.name = value))
              }}
            />
            <Select
              label="Status"
              allowDeselect={false}
              data={[
                { value: 'active', label: 'Active (sold)' },
                { value: 'retired', label: 'Retired (no new signatures)' },
              ]}
              value={draft.status}
              error={errors.at('status')}
              onChange={(value) =>
                update((d) => void (d.status = value === 'retired' ? 'retired' : 'active'))
              }
            />
            <TextInput
              label="Effective from"
              description="New signatures get this version from this day; accounts keep theirs."
              type="date"
              value={draft.effectiveFrom}
              error={errors.at('effectiveFrom')}
              onChange={(event) => {
                const value = event.currentTarget.value
                update((d) => void (d.effectiveFrom = value))
              }}
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label="Description"
            autosize
            minRows={2}
            value={draft.description}
            error={errors.at('description')}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((d) => void (d.description = value))
            }}
          />
        </Card>
        <Card withBorder>
          <Stack gap="xl">
            <PricesSection draft={draft} update={update} errors={definitionErrors} />
            <Divider />
            <SlaSection draft={draft} update={update} errors={definitionErrors} />
            <Divider />
            <PauseRulesSection draft={draft} update={update} errors={definitionErrors} />
            <Divider />
            <EscalationSection draft={draft} update={update} errors={definitionErrors} />
            <Divider />
            <EntitlementsSection draft={draft} update={update} errors={definitionErrors} />
            <Divider />
            <GovernanceSection draft={draft} update={update} errors={definitionErrors} />
          </Stack>
        </Card>
        <Card withBorder component="section" aria-label="Changes in this draft">
          <Title order={4} mb="xs">
            Changes in this draft
          </Title>
          {changes.data === undefined || changes.isError ? (
            <Text size="sm" c="dimmed">
              {changes.isPending
                ? `Comparing with version ${props.base.version}…`
                : 'Fix the problems above to see the changes.'}
            </Text>
          ) : changes.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing changed yet.
            </Text>
          ) : (
            <ul className={classes.changes}>
              {changes.data.map((change) => (
                <li key={change.path}>
                  <Text size="sm">{change.sentence}</Text>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card withBorder>
          <Textarea
            label="Reason for this version"
            description="Kept with the version and shown in its history."
            withAsterisk
            autosize
            minRows={2}
            value={draft.reason}
            error={errors.at('reason')}
            onChange={(event) => {
              const value = event.currentTarget.value
              update((d) => void (d.reason = value))
            }}
          />
          <Group justify="flex-end" mt="md">
            <DiscardButton
              disabled={save.isPending}
              onDiscard={() => {
                setDraft(draftOf(props.base, props.today))
                save.reset()
              }}
            />
            <Button
              type="submit"
              loading={save.isPending}
              leftSection={<IconDeviceFloppy size={16} />}
            >
              Save as version {props.base.version + 1}
            </Button>
          </Group>
        </Card>
      </Stack>
    </form>
  )
}
