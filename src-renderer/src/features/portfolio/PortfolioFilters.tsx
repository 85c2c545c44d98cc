import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core'
import { IconFilterOff, IconSearch } from '@tabler/icons-react'
import { memo } from 'react'
import type { HealthBand, Segment } from '@shared/model/enums'
import type { PortfolioFilters as Filters, SignalFilter } from '@shared/portfolio/portfolio-query'
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

type Patch = (patch: Partial<Filters>) => void

// Each control is memoised on its own value and the stable `patchFilters`: a change to one
// filter repaints that control, not the other six (the owner list alone holds a hundred options).

const SearchFilter = memo(function SearchFilter(props: {
  readonly value: string
  readonly onChange: (text: string) => void
}) {
  const { onChange } = props
  return (
    <TextInput
      label="Search"
      placeholder="Account name"
      leftSection={<IconSearch size={16} />}
      value={props.value}
      onChange={(event) => onChange(event.currentTarget.value)}
      w={220}
    />
  )
})

/** What a multi-select's choice changes: module-level, so the memoised controls see one function. */
const toTierIds = (values: string[]): Partial<Filters> => ({ tierIds: values })
const toOwnerIds = (values: string[]): Partial<Filters> => ({ ownerIds: values })
const toSegments = (values: string[]): Partial<Filters> => ({ segments: values.filter(isSegment) })
const toBands = (values: string[]): Partial<Filters> => ({ healthBands: values.filter(isBand) })

const ChoicesFilter = memo(function ChoicesFilter(props: {
  readonly label: string
  readonly everything: string
  readonly data: readonly { readonly value: string; readonly label: string }[]
  readonly value: string[]
  readonly toPatch: (values: string[]) => Partial<Filters>
  readonly searchable?: boolean
  readonly onPatch: Patch
}) {
  const { toPatch, onPatch } = props
  return (
    <MultiSelect
      label={props.label}
      placeholder={props.value.length === 0 ? props.everything : undefined}
      data={props.data}
      value={props.value}
      onChange={(values) => onPatch(toPatch(values))}
      searchable={props.searchable}
      clearable
      w={200}
    />
  )
})

const RenewalFilter = memo(function RenewalFilter(props: {
  readonly value: number | null
  readonly onPatch: Patch
}) {
  const { onPatch } = props
  const renewal = props.value === null ? 'any' : String(props.value)
  const renewalData = renewalOptions.some((option) => option.value === renewal)
    ? renewalOptions
    : [...renewalOptions, { value: renewal, label: `Next ${renewal} days` }]
  return (
    <Select
      label="Renewal"
      data={renewalData}
      value={renewal}
      onChange={(value) =>
        onPatch({ renewalWithinDays: value === null || value === 'any' ? null : Number(value) })
      }
      allowDeselect={false}
      w={160}
    />
  )
})

const SignalFilterSelect = memo(function SignalFilterSelect(props: {
  readonly value: SignalFilter
  readonly onPatch: Patch
}) {
  const { onPatch } = props
  return (
    <Select
      label="Signal"
      data={signalOptions}
      value={props.value}
      onChange={(value) => onPatch({ signal: isSignal(value) ? value : 'any' })}
      allowDeselect={false}
      w={190}
    />
  )
})

const ClearFilters = memo(function ClearFilters(props: { readonly onClear: () => void }) {
  return (
    <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={props.onClear}>
      Clear filters
    </Button>
  )
})

/** Options not loaded yet: one empty list, so the memoised controls see the same value. */
const noOptions: readonly { value: string; label: string }[] = []

export function PortfolioFilters({ view }: { readonly view: PortfolioView }) {
  const options = useInvoke('accounts.filterOptions')
  const filters = view.state.filters
  return (
    <Group align="flex-end" gap="sm">
      <SearchFilter value={view.searchText} onChange={view.setSearchText} />
      <ChoicesFilter
        label="Tier"
        everything="All tiers"
        data={options.data?.tiers ?? noOptions}
        value={filters.tierIds}
        toPatch={toTierIds}
        onPatch={view.patchFilters}
      />
      <ChoicesFilter
        label="Segment"
        everything="All segments"
        data={segmentOptions}
        value={filters.segments}
        toPatch={toSegments}
        onPatch={view.patchFilters}
      />
      <ChoicesFilter
        label="Owner"
        everything="Everyone"
        data={options.data?.owners ?? noOptions}
        value={filters.ownerIds}
        toPatch={toOwnerIds}
        searchable
        onPatch={view.patchFilters}
      />
      <ChoicesFilter
        label="Health"
        everything="Any health"
        data={bandOptions}
        value={filters.healthBands}
        toPatch={toBands}
        onPatch={view.patchFilters}
      />
      <RenewalFilter value={filters.renewalWithinDays} onPatch={view.patchFilters} />
      <SignalFilterSelect value={filters.signal} onPatch={view.patchFilters} />
      <ClearFilters onClear={view.clearFilters} />
    </Group>
  )
}
