import { Anchor, Badge, Group, Table, Text } from '@mantine/core'
import type { AccountDetail } from '@shared/accounts/account-queries'
import type { ContactRole } from '@shared/model/contact'
import classes from './account.module.css'
import { Panel } from './Panel'

const roleLabel: Readonly<Record<ContactRole, string>> = {
  champion: 'Champion',
  'executive-sponsor': 'Executive sponsor',
  billing: 'Billing',
  technical: 'Technical',
}
const roleColor: Readonly<Record<ContactRole, string>> = {
  champion: 'teal',
  'executive-sponsor': 'grape',
  billing: 'blue',
  technical: 'orange',
}

/** The people at the customer and the roles they hold. */
export function ContactsPanel({ detail }: { readonly detail: AccountDetail }) {
  return (
    <Panel title="Contacts" testId="contacts-panel">
      {detail.contacts.length === 0 ? (
        <Text c="dimmed">No contacts recorded for this account.</Text>
      ) : (
        <Table aria-label="Contacts">
          <Table.Tbody>
            {detail.contacts.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {contact.name}
                    {!contact.active && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (inactive)
                      </Text>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {contact.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} mb={4}>
                    {contact.roles.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        No role
                      </Text>
                    ) : (
                      contact.roles.map((role) => (
                        <Badge key={role} size="sm" variant="light" color={roleColor[role]}>
                          {roleLabel[role]}
                        </Badge>
                      ))
                    )}
                  </Group>
                  <Anchor href={`mailto:${contact.email}`} size="xs" className={classes.email}>
                    {contact.email}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Panel>
  )
}
