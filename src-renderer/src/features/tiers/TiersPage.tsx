import { Card, Center, Stack, Tabs, Text, Title } from '@mantine/core'
import { useInvoke } from '../../app/ipc-hooks'
import { SectionState } from '../settings/SectionState'
import { CalendarsPanel } from './CalendarsPanel'
import { CatalogueTable } from './CatalogueTable'

/** The tier catalogue side by side, and the support calendars SLA targets are measured on. */
export function TiersPage() {
  const catalogue = useInvoke('tiers.catalogue')
  const calendars = useInvoke('calendars.list')
  return (
    <Stack gap="lg">
      <Title order={2}>Tiers</Title>
      <Tabs defaultValue="catalogue" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="catalogue">Catalogue</Tabs.Tab>
          <Tabs.Tab value="calendars">Calendars</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="catalogue" pt="md">
          <Card withBorder padding={0}>
            <SectionState query={catalogue}>
              {(data) =>
                data.tiers.length === 0 ? (
                  <Center p="xl">
                    <Text c="dimmed">This workspace has no tiers yet.</Text>
                  </Center>
                ) : (
                  <CatalogueTable catalogue={data} />
                )
              }
            </SectionState>
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="calendars" pt="md">
          <SectionState query={catalogue}>
            {(data) => (
              <SectionState query={calendars}>
                {(list) => <CalendarsPanel calendars={list} today={data.today} />}
              </SectionState>
            )}
          </SectionState>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
