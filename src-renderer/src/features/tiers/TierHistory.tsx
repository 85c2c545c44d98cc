import { Badge, Card, Group, Select, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { TierHistory as History } from '@shared/tiers/tier-queries'
import type { ReadableDiffEntry } from '@shared/tiers/tier-diff-text'
import { useInvoke } from '../../app/ipc-hooks'
import { useFormat } from '../../components/format'
import { SectionState } from '../settings/SectionState'
import classes from './tiers.module.css'

function Changes({
  changes,
  label,
}: {
  readonly changes: readonly ReadableDiffEntry[]
  readonly label: string
}) {
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes.
      </Text>
    )
  }
  return (
    <ul className={classes.changes} aria-label={label}>
      {changes.map((change) => (
        <li key={change.path}>
          <Text size="sm">{change.sentence}</Text>
        </li>
      ))}
    </ul>
  )
}

function Compare({ history }: { readonly history: History }) {
  const versions = history.versions.map((view) => ({
    value: view.version.id,
    label: `Version ${view.version.version}`,
  }))
  const [from, setFrom] = useState<string | null>(versions[versions.length - 1]?.value ?? null)
  const [to, setTo] = useState<string | null>(versions[0]?.value ?? null)
  const enabled = from !== null && to !== null && from !== to
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Compare two versions</Title>
        <Group>
          <Select
            label="From"
            data={versions}
            value={from}
            onChange={setFrom}
            allowDeselect={false}
          />
          <Select label="To" data={versions} value={to} onChange={setTo} allowDeselect={false} />
        </Group>
        {enabled ? (
          <Comparison fromVersionId={from} toVersionId={to} />
        ) : (
          <Text size="sm" c="dimmed">
            Pick two different versions.
          </Text>
        )}
      </Stack>
    </Card>
  )
}

function Comparison(props: { readonly fromVersionId: string; readonly toVersionId: string }) {
  const comparison = useInvoke('tiers.compare', props)
  return (
    <SectionState query={comparison}>
      {(result) => (
        <Changes
          changes={result.changes}
          label={`Changes from version ${result.from.version} to version ${result.to.version}`}
        />
      )}
    </SectionState>
  )
}

/** Every version of a tier, newest first: who, when, why, what changed and who is on it. */
export function TierHistory({ history }: { readonly history: History }) {
  const format = useFormat()
  return (
    <Stack gap="md">
      {history.versions.length > 1 && <Compare history={history} />}
      {history.versions.map((view, index) => (
        <Card
          withBorder
          key={view.version.id}
          data-testid="tier-version"
          aria-label={`Version ${view.version.version}`}
          component="section"
        >
          <Stack gap="xs">
            <Group justify="space-between">
              <Group gap="xs">
                <Title order={4}>Version {view.version.version}</Title>
                {index === 0 && <Badge variant="light">latest</Badge>}
              </Group>
              <Text size="sm" c="dimmed">
                {view.accounts} {view.accounts === 1 ? 'account' : 'accounts'} signed on it
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              Effective {format.date(view.version.effectiveFrom)} · by {view.authorName} on{' '}
              {format.dateTime(view.version.createdAt)}
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                Reason:
              </Text>{' '}
              {view.version.reason}
            </Text>
            {index < history.versions.length - 1 ? (
              <Changes
                changes={view.changes}
                label={`Changes in version ${view.version.version}`}
              />
            ) : (
              <Text size="sm" c="dimmed">
                First version of this tier.
              </Text>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}
