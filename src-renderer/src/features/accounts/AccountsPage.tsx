import { Stack, Title } from '@mantine/core'
import { memo } from 'react'
import { Portfolio } from '../portfolio/Portfolio'
import { PortfolioKpis } from '../portfolio/PortfolioKpis'
import { usePortfolioView } from '../portfolio/usePortfolioView'

// The KPI header depends on nothing the table's filters change: skip it when they do.
const Kpis = memo(PortfolioKpis)

/**
 * The portfolio: where a CSM starts the day. The view state lives here so the KPI header above
 * the table can filter it (`view.patchFilters`, e.g. `{ renewalWithinDays: 30 }`).
 */
export function AccountsPage() {
  const view = usePortfolioView()
  return (
    <Stack gap="lg">
      <Title order={2}>Portfolio</Title>
      <Kpis onSelect={view.patchFilters} />
      <Portfolio view={view} />
    </Stack>
  )
}
