import { Card, Table, Title } from '@mantine/core'
import { useInvoke } from '../../app/ipc-hooks'
import { SectionState } from './SectionState'

export function AboutSection() {
  const info = useInvoke('app.info')
  return (
    <Card withBorder padding="lg">
      <Title order={3} mb="md">
        About Tierline
      </Title>
      <SectionState query={info}>
        {(current) => (
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>Version</Table.Th>
                <Table.Td data-testid="app-version">{current.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Platform</Table.Th>
                <Table.Td>
                  {current.platform} ({current.arch})
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Runtime</Table.Th>
                <Table.Td>
                  {[
                    current.runtime.electron && `Electron ${current.runtime.electron}`,
                    current.runtime.chrome && `Chromium ${current.runtime.chrome}`,
                    `Node.js ${current.runtime.node}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </SectionState>
    </Card>
  )
}
