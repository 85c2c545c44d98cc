import { Anchor, Group, Stack, Tabs, Text, Title } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
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
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="edit">Edit</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit" pt="md">
          <SectionState query={catalogue}>
            {({ today }) => (
              <SectionState query={history}>
                {(data) => {
                  const base = data.versions[0]?.version
                  if (base === undefined) return null
                  return (
                    <TierEditor
                      key={base.id}
                      base={base}
                      today={today}
                      onSaved={(result) => {
                        notifySuccess(
                          `Version ${result.version.version} saved`,
                          `${result.changes.length} ${result.changes.length === 1 ? 'change' : 'changes'}; accounts keep the version they signed.`,
                        )
                        setTab('history')
                      }}
                    />
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
