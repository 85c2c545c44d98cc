import { Alert, Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useInvoke } from '../../app/ipc-hooks'
import { SectionState } from '../settings/SectionState'
import { notifySuccess } from '../workspaces/notify'
import { TierEditor } from './TierEditor'
import { TierHistory } from './TierHistory'

/** One tier: its editor (the next version) and its version history. */
export function TierPage({ tierId }: { readonly tierId: string }) {
  const history = useInvoke('tiers.versions', { tierId })
  const catalogue = useInvoke('tiers.catalogue')
  const [tab, setTab] = useState<string | null>('edit')
  const latest = history.data?.versions[0]?.version
  const [baseId, setBaseId] = useState<string | null>(null)
  // Pinned once the history first arrives (React's "adjust state while rendering" pattern).
  if (baseId === null && latest !== undefined) setBaseId(latest.id)

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/tiers" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          All tiers
        </Group>
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{latest?.name ?? 'Tier'}</Title>
        {latest !== undefined && (
          <Text c="dimmed" size="sm">
            Latest: version {latest.version}
          </Text>
        )}
      </Group>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="edit">Edit</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit" pt="md">
          <SectionState query={catalogue}>
            {({ today }) => (
              <SectionState query={history}>
                {(data) => {
                  const newest = data.versions[0]
                  // The draft stays on the version it started from, even when a newer one
                  // arrives (another window, sync): the user decides when to start again.
                  const base = data.versions.find((view) => view.version.id === baseId) ?? newest
                  if (base === undefined || newest === undefined) return null
                  return (
                    <Stack gap="md">
                      {base.version.id !== newest.version.id && (
                        <Alert
                          color="orange"
                          icon={<IconAlertTriangle />}
                          title={`Version ${newest.version.version} was saved while you were editing`}
                          role="alert"
                        >
                          <Stack gap="xs" align="flex-start">
                            <Text size="sm">
                              {newest.authorName} saved it. Your draft is based on version{' '}
                              {base.version.version}, so saving it would be refused.
                            </Text>
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => setBaseId(newest.version.id)}
                            >
                              Start again from version {newest.version.version}
                            </Button>
                          </Stack>
                        </Alert>
                      )}
                      <TierEditor
                        key={base.version.id}
                        base={base.version}
                        today={today}
                        onSaved={(result) => {
                          setBaseId(result.version.id)
                          notifySuccess(
                            `Version ${result.version.version} saved`,
                            `${result.changes.length} ${result.changes.length === 1 ? 'change' : 'changes'}; accounts keep the version they signed.`,
                          )
                          setTab('history')
                        }}
                      />
                    </Stack>
                  )
                }}
              </SectionState>
            )}
          </SectionState>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <SectionState query={history}>{(data) => <TierHistory history={data} />}</SectionState>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
