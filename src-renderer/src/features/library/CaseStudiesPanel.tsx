import {
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { CaseStudyListItem } from '@shared/library/case-study-queries'
import type { CaseStudy } from '@shared/model/case-study'
import { segments, segmentSchema } from '@shared/model/enums'
import { useInvoke, useInvokeKeepingPrevious } from '../../app/ipc-hooks'
import { ConfirmButton } from '../../components/ConfirmButton'
import { Markdown } from '../account/Markdown'
import { SectionState } from '../settings/SectionState'
import { CaseStudyEditor } from './CaseStudyEditor'
import { segmentLabels } from './library-format'
import { useDeleteCaseStudy } from './useCaseStudies'

/** The case-study library: filter, create, edit, delete (with undo). */
export function CaseStudiesPanel() {
  const [segment, setSegment] = useState<string | null>(null)
  const [tierId, setTierId] = useState<string | null>(null)
  const [search, setSearch] = useState('')
  const [includeArchived, setIncludeArchived] = useState(false)
  const [debouncedSearch] = useDebouncedValue(search, 200)
  const [editing, setEditing] = useState<CaseStudy | 'new' | null>(null)
  const catalogue = useInvoke('tiers.catalogue')
  const list = useInvokeKeepingPrevious('caseStudies.list', {
    segment: segmentSchema.nullable().parse(segment),
    tierId,
    search: debouncedSearch,
    includeArchived,
  })
  const remove = useDeleteCaseStudy()
  const tiers = (catalogue.data?.tiers ?? []).map((tier) => ({
    value: tier.tierId,
    label: tier.current.name,
  }))
  const filtered = segment !== null || tierId !== null || debouncedSearch !== ''

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Search"
            placeholder="Title, customer or text"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={240}
          />
          <Select
            label="Segment"
            placeholder="Any segment"
            data={segments.map((value) => ({ value, label: segmentLabels[value] }))}
            value={segment}
            onChange={setSegment}
            clearable
            w={170}
          />
          <Select
            label="Tier"
            placeholder="Any tier"
            data={tiers}
            value={tierId}
            onChange={setTierId}
            clearable
            w={170}
          />
          <Checkbox
            label="Show archived"
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New case study
        </Button>
      </Group>
      <SectionState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Card withBorder>
              <Center p="xl">
                <Stack align="center" gap="xs">
                  <Text c="dimmed">
                    {filtered
                      ? 'No case study matches these filters.'
                      : 'No case studies yet. Add the first story your team can quote in proposals.'}
                  </Text>
                </Stack>
              </Center>
            </Card>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" aria-label="Case studies">
              {items.map((item) => (
                <CaseStudyCard
                  key={item.caseStudy.id}
                  item={item}
                  onEdit={() => setEditing(item.caseStudy)}
                  onDelete={() => remove(item.caseStudy)}
                />
              ))}
            </SimpleGrid>
          )
        }
      </SectionState>
      {editing !== null && (
        <CaseStudyEditor
          caseStudy={editing === 'new' ? null : editing}
          tiers={tiers}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  )
}

function CaseStudyCard(props: {
  readonly item: CaseStudyListItem
  readonly onEdit: () => void
  readonly onDelete: () => void
}) {
  const { caseStudy, tierNames } = props.item
  return (
    <Card withBorder padding="md" component="article" aria-label={caseStudy.name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} size="h4">
              {caseStudy.name}
            </Title>
            <Text size="sm" c="dimmed">
              {caseStudy.customerLabel}
            </Text>
          </div>
          {caseStudy.archived && <Badge color="gray">Archived</Badge>}
        </Group>
        <Group gap={6}>
          {caseStudy.segments.map((segment) => (
            <Badge key={segment} variant="light">
              {segmentLabels[segment]}
            </Badge>
          ))}
          {tierNames.map((name) => (
            <Badge key={name} variant="outline">
              {name}
            </Badge>
          ))}
          {caseStudy.segments.length === 0 && tierNames.length === 0 && (
            <Text size="xs" c="dimmed">
              Any segment and tier
            </Text>
          )}
        </Group>
        {caseStudy.figures.length > 0 && (
          <Group gap="lg">
            {caseStudy.figures.map((figure, index) => (
              <div key={index}>
                <Text fw={700}>{figure.value}</Text>
                <Text size="xs" c="dimmed">
                  {figure.label}
                </Text>
              </div>
            ))}
          </Group>
        )}
        <Markdown>{caseStudy.bodyMarkdown}</Markdown>
        <Group gap="xs" justify="flex-end">
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPencil size={14} />}
            onClick={props.onEdit}
            aria-label={`Edit ${caseStudy.name}`}
          >
            Edit
          </Button>
          <ConfirmButton
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={14} />}
            aria-label={`Delete ${caseStudy.name}`}
            question={`Delete “${caseStudy.name}”? You can undo for a few seconds.`}
            confirmLabel="Delete"
            onConfirm={props.onDelete}
          >
            Delete
          </ConfirmButton>
        </Group>
      </Stack>
    </Card>
  )
}
