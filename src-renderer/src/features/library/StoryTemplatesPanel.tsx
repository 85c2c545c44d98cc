import {
  Accordion,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import type { StoryTemplateItem } from '@shared/library/story-template-queries'
import { storyVariableNames, storyVariables, templateProblems } from '@shared/proposals/value-story'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { ConfirmButton } from '../../components/ConfirmButton'
import { MarkdownField } from '../../components/MarkdownField'
import { SectionState } from '../settings/SectionState'
import { SaveProblemAlert } from '../tiers/SaveProblemAlert'

/** The four value-story sections' templates, each editable and resettable to the default. */
export function StoryTemplatesPanel() {
  const templates = useInvoke('storyTemplates.list')
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        “Draft from template” in a proposal fills these with the proposal’s figures. Write{' '}
        <Code>{'{{account.name}}'}</Code> and the like where a value belongs; the list of variables
        is below.
      </Text>
      <SectionState query={templates}>
        {(items) => (
          <Stack gap="md">
            {items.map((item) => (
              <TemplateCard
                key={`${item.section}-${item.stored?.updatedAt ?? 'default'}`}
                item={item}
              />
            ))}
          </Stack>
        )}
      </SectionState>
      <VariableReference />
    </Stack>
  )
}

function TemplateCard({ item }: { readonly item: StoryTemplateItem }) {
  const [body, setBody] = useState(item.bodyMarkdown)
  const save = useMutate('storyTemplates.save')
  const reset = useMutate('storyTemplates.reset')
  const problems = templateProblems(body)
  const dirty = body !== item.bodyMarkdown
  const hasProblems = problems.unknown.length > 0 || problems.unclosed.length > 0
  return (
    <Card withBorder padding="md" component="section" aria-label={`${item.label} template`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {item.label}
          </Title>
          <Badge variant="light" color={item.stored === null ? 'gray' : 'blue'}>
            {item.stored === null ? 'Default' : 'Customised'}
          </Badge>
        </Group>
        <MarkdownField label={`${item.label} template`} value={body} onChange={setBody} />
        {hasProblems && (
          <Alert
            color="orange"
            icon={<IconAlertTriangle />}
            title="This template cannot be saved yet"
          >
            {problems.unknown.length > 0 && (
              <Text size="sm">
                Unknown variables: {problems.unknown.map((name) => `{{${name}}}`).join(', ')}
              </Text>
            )}
            {problems.unclosed.length > 0 && (
              <Text size="sm">Braces not closed near “{problems.unclosed.join('”, “')}”</Text>
            )}
          </Alert>
        )}
        {save.error !== null && (
          <SaveProblemAlert problem={save.error} issues={[]} title="Not saved" />
        )}
        <Group justify="flex-end" gap="sm">
          <ConfirmButton
            variant="default"
            disabled={item.stored === null || reset.isPending}
            question={`Replace your ${item.label.toLowerCase()} template with the built-in default?`}
            confirmLabel="Reset"
            onConfirm={() =>
              reset.mutate(
                { section: item.section },
                {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      message: `${item.label}: default restored.`,
                    }),
                  onError: (error) =>
                    notifications.show({
                      color: 'red',
                      title: 'Not reset',
                      message: error.message,
                    }),
                },
              )
            }
          >
            Reset to default
          </ConfirmButton>
          <Button
            disabled={!dirty || hasProblems}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  section: item.section,
                  name: item.label,
                  bodyMarkdown: body,
                  baseUpdatedAt: item.stored?.updatedAt ?? null,
                },
                {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', message: `${item.label} template saved.` }),
                },
              )
            }
          >
            Save template
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}

function VariableReference() {
  return (
    <Accordion variant="contained">
      <Accordion.Item value="variables">
        <Accordion.Control>Variables a template can use</Accordion.Control>
        <Accordion.Panel>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Variable</Table.Th>
                <Table.Th>Filled with</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {storyVariableNames.map((name) => (
                <Table.Tr key={name}>
                  <Table.Td>
                    <Code>{`{{${name}}}`}</Code>
                  </Table.Td>
                  <Table.Td>{storyVariables[name]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  )
}
