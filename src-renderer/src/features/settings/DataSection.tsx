import {
  ActionIcon,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconCheck, IconCopy, IconFolderOpen } from '@tabler/icons-react'
import type { AppInfo } from '@shared/app/app-info'
import { describeError } from '../../app/ipc-client'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import classes from './DataSection.module.css'
import { SectionState } from './SectionState'
import { TeamSyncSection } from './TeamSyncSection'
import { useSettings } from './useSettings'

function PathWithCopy({ path, label }: { readonly path: string; readonly label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text ff="monospace" size="sm" className={classes.path} data-testid={`path-${label}`}>
        {path}
      </Text>
      <CopyButton value={path}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${label} path`}>
            <ActionIcon variant="subtle" onClick={copy} aria-label={`Copy ${label} path`}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  )
}

function DatabaseStatusRows({ info, locale }: { readonly info: AppInfo; readonly locale: string }) {
  const { database } = info
  if (database.state === 'error') {
    return (
      <Table.Tr>
        <Table.Th>Database</Table.Th>
        <Table.Td>
          <Badge color="red" variant="light" data-testid="database-state">
            Cannot open
          </Badge>
          <Text size="sm" mt={4}>
            {database.message}
          </Text>
          <Text size="xs" c="dimmed">
            The file was left untouched: {database.file}
          </Text>
        </Table.Td>
      </Table.Tr>
    )
  }
  const size = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilobyte',
    maximumFractionDigits: 1,
  })
  return (
    <>
      <Table.Tr>
        <Table.Th>Database</Table.Th>
        <Table.Td>
          <Badge color="teal" variant="light" data-testid="database-state">
            Ready
          </Badge>
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>Database file</Table.Th>
        <Table.Td>
          <PathWithCopy path={database.file} label="database" />
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>Size</Table.Th>
        <Table.Td>{size.format(database.sizeBytes / 1024)}</Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>Engine</Table.Th>
        <Table.Td>
          SQLite {database.sqliteVersion}, journal mode {database.journalMode}, schema version{' '}
          {database.schemaVersion}
        </Table.Td>
      </Table.Tr>
    </>
  )
}

export function DataSection() {
  const info = useInvoke('app.info')
  const { settings } = useSettings()
  const reveal = useMutate('app.revealDataFolder')
  const locale = settings.data?.locale ?? 'en-US'
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <Title order={3} mb="md">
          Data
        </Title>
        <SectionState query={info}>
          {(current) => (
            <Stack>
              <Table variant="vertical" layout="fixed" withTableBorder>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={180}>Workspace</Table.Th>
                    <Table.Td>{current.workspace.name}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Workspace folder</Table.Th>
                    <Table.Td>
                      <PathWithCopy path={current.workspace.folder} label="workspace folder" />
                    </Table.Td>
                  </Table.Tr>
                  <DatabaseStatusRows info={current} locale={locale} />
                  <Table.Tr>
                    <Table.Th>All Tierline data</Table.Th>
                    <Table.Td>
                      <PathWithCopy path={current.dataRoot} label="data root" />
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconFolderOpen size={16} />}
                  loading={reveal.isPending}
                  onClick={() =>
                    reveal.mutate(undefined, {
                      onError: (error) =>
                        notifications.show({
                          color: 'red',
                          title: 'Could not open the folder',
                          message: describeError(error),
                        }),
                    })
                  }
                >
                  Show workspace folder
                </Button>
              </Group>
            </Stack>
          )}
        </SectionState>
      </Card>
      <TeamSyncSection />
    </Stack>
  )
}
