import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import type { CaseStudy } from '@shared/model/case-study'
import type { Segment } from '@shared/model/enums'
import { valueStorySections, type ValueStorySection } from '@shared/model/story-template'
import { storySectionLabels } from '@shared/proposals/value-story'
import { useInvokeKeepingPrevious } from '../../../app/ipc-hooks'
import { segmentLabels } from '../../library/library-format'
import { SectionState } from '../../settings/SectionState'

/** Picks a case study that fits the account's segment and the target tier, and a section for it. */
export function CaseStudyPicker(props: {
  readonly segment: Segment | null
  readonly tierId: string | null
  readonly alreadyCited: readonly string[]
  readonly onPick: (caseStudy: CaseStudy, section: ValueStorySection) => void
  readonly onClose: () => void
}) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 200)
  const [section, setSection] = useState<ValueStorySection>('change')
  const list = useInvokeKeepingPrevious('caseStudies.list', {
    segment: props.segment,
    tierId: props.tierId,
    search: debounced,
    includeArchived: false,
  })
  const fits = [
    props.segment === null ? null : segmentLabels[props.segment],
    props.tierId === null ? null : 'the target tier',
  ].filter((part) => part !== null)
  return (
    <Modal opened onClose={props.onClose} title="Insert a case study" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {fits.length === 0
            ? 'Every case study in the library.'
            : `Case studies for ${fits.join(' and ')}, and those tagged for any.`}
        </Text>
        <Group grow align="flex-end">
          <TextInput
            label="Search"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-autofocus
          />
          <Select
            label="Insert into"
            data={valueStorySections.map((value) => ({ value, label: storySectionLabels[value] }))}
            value={section}
            onChange={(value) => value !== null && setSection(value as ValueStorySection)}
            allowDeselect={false}
          />
        </Group>
        <SectionState query={list}>
          {(items) =>
            items.length === 0 ? (
              <Center p="lg">
                <Text c="dimmed" size="sm">
                  No case study fits. Add one under Case studies.
                </Text>
              </Center>
            ) : (
              <Stack gap="xs" role="list" aria-label="Case studies to insert">
                {items.map(({ caseStudy, tierNames }) => {
                  const cited = props.alreadyCited.includes(caseStudy.id)
                  return (
                    <Card withBorder padding="sm" key={caseStudy.id} role="listitem">
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <Stack gap={2}>
                          <Text fw={600}>{caseStudy.name}</Text>
                          <Text size="xs" c="dimmed">
                            {caseStudy.customerLabel}
                          </Text>
                          <Group gap={4}>
                            {caseStudy.segments.map((segment) => (
                              <Badge key={segment} size="xs" variant="light">
                                {segmentLabels[segment]}
                              </Badge>
                            ))}
                            {tierNames.map((name) => (
                              <Badge key={name} size="xs" variant="outline">
                                {name}
                              </Badge>
                            ))}
                          </Group>
                        </Stack>
                        <Button
                          size="xs"
                          variant={cited ? 'default' : 'filled'}
                          aria-label={`${cited ? 'Insert again' : 'Insert'} ${caseStudy.name}`}
                          onClick={() => props.onPick(caseStudy, section)}
                        >
                          {cited ? 'Insert again' : 'Insert'}
                        </Button>
                      </Group>
                    </Card>
                  )
                })}
              </Stack>
            )
          }
        </SectionState>
      </Stack>
    </Modal>
  )
}
