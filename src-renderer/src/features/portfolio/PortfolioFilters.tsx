import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core'
import { IconFilterOff, IconSearch } from '@tabler/icons-react'
import type { HealthBand, Segment } from '@shared/model/enums'
import type { SignalFilter } from '@shared/portfolio/portfolio-query'
import { useInvoke } from '../../app/ipc-hooks'
import type { PortfolioView } from './usePortfolioView'

const segmentOptions: { value: Segment; label: string }[] = [
  { value: 'smb', label: 'SMB' },
  { value: 'mid-market', label: 'Mid-market' },
  { value: 'enterprise', label: 'Enterprise' },
  { value: 'strategic', label: 'Strategic' },
]
const bandOptions: { value: HealthBand; label: string }[] = [
  { value: 'healthy', label: 'Healthy' },
  { value: 'watch', label: 'Watch' },
  { value: 'at-risk', label: 'At risk' },
  { value: 'unknown', label: 'Unknown' },
]
const renewalOptions = [
  { value: 'any', label: 'Any time' },
  { value: '30', label: 'Next 30 days' },
  { value: '60', label: 'Next 60 days' },
  { value: '90', label: 'Next 90 days' },
  { value: '180', label: 'Next 180 days' },
  { value: '365', label: 'Next 12 months' },
]
const signalOptions: { value: SignalFilter; label: string }[] = [
  { value: 'any', label: 'Any' },
  { value: 'with-signal', label: 'With upgrade signal' },
  { value: 'without-signal', label: 'Without signal' },
]

const isSegment = (value: string): value is Segment => segmentOptions.some((o) => o.value === value)
const isBand = (value: string): value is HealthBand => bandOptions.some((o) => o.value === value)
const isSignal = (value: string | null): value is SignalFilter =>
  signalOptions.some((o) => o.value === value)

export function PortfolioFilters({ view }: { readonly view: PortfolioView }) {
  const options = useInvoke('accounts.filterOptions')
  const filters = view.state.filters
  const renewal = filters.renewalWithinDays === null ? 'any' : String(filters.renewalWithinDays)
  const renewalData = renewalOptions.some((option) => option.value === renewal)
    ? renewalOptions
    : [...renewalOptions, { value: renewal, label: `Next ${renewal} days` }]
  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        label="Search"
        placeholder="Account name"
        leftSection={<IconSearch size={16} />}
        value={view.searchText}
        onChange={(event) => view.setSearchText(event.currentTarget.value)}
        w={220}
      />
      <MultiSelect
        label="Tier"
        placeholder={filters.tierIds.length === 0 ? 'All tiers' : undefined}
        data={options.data?.tiers ?? []}
        value={filters.tierIds}
        onChange={(tierIds) => view.patchFilters({ tierIds })}
        clearable
        w={200}
      />
      <MultiSelect
        label="Segment"
        placeholder={filters.segments.length === 0 ? 'All segments' : undefined}
        data={segmentOptions}
        value={filters.segments}
        onChange={(values) => view.patchFilters({ segments: values.filter(isSegment) })}
        clearable
        w={200}
      />
      <MultiSelect
        label="Owner"
        placeholder={filters.ownerIds.length === 0 ? 'Everyone' : undefined}
        data={options.data?.owners ?? []}
        value={filters.ownerIds}
        onChange={(ownerIds) => view.patchFilters({ ownerIds })}
        searchable
        clearable
        w={200}
      />
      <MultiSelect
        label="Health"
        placeholder={filters.healthBands.length === 0 ? 'Any health' : undefined}
        data={bandOptions}
        value={filters.healthBands}
        onChange={(values) => view.patchFilters({ healthBands: values.filter(isBand) })}
        clearable
        w={200}
      />
      <Select
        label="Renewal"
        data={renewalData}
        value={renewal}
        onChange={(value) =>
          view.patchFilters({
            renewalWithinDays: value === null || value === 'any' ? null : Number(value),
          })
        }
        allowDeselect={false}
        w={160}
      />
      <Select
        label="Signal"
        data={signalOptions}
        value={filters.signal}
        onChange={(value) => view.patchFilters({ signal: isSignal(value) ? value : 'any' })}
        allowDeselect={false}
        w={190}
      />
      <Button
        variant="subtle"
        leftSection={<IconFilterOff size={16} />}
        onClick={view.clearFilters}
      >
        Clear filters
      </Button>
    </Group>
  )
}
