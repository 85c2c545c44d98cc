import { Stack, Tabs, Text, Title } from '@mantine/core'
import { CaseStudiesPanel } from './CaseStudiesPanel'
import { StoryTemplatesPanel } from './StoryTemplatesPanel'

/** The proposal library: customer stories to quote, and the value-story templates. */
export function CaseStudiesPage() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Case studies</Title>
        <Text c="dimmed" size="sm">
          Anonymised customer stories and the templates proposals draft their value story from.
        </Text>
      </div>
      <Tabs defaultValue="stories" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="stories">Case studies</Tabs.Tab>
          <Tabs.Tab value="templates">Value-story templates</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="stories" pt="md">
          <CaseStudiesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="md">
          <StoryTemplatesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
