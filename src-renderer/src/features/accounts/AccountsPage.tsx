import { Stack, Title } from '@mantine/core'
import { Portfolio } from '../portfolio/Portfolio'
import { PortfolioKpis } from '../portfolio/PortfolioKpis'
import { usePortfolioView } from '../portfolio/usePortfolioView'

/**
 * The portfolio: where a CSM starts the day. The view state lives here so the KPI header above
 * the table can filter it (`view.patchFilters`, e.g. `{ renewalWithinDays: 30 }`).
 */
export function AccountsPage() {
  const view = usePortfolioView()
  return (
    <Stack gap="lg">
      <Title order={2}>Portfolio</Title>
      <PortfolioKpis onSelect={view.patchFilters} />
      <Portfolio view={view} />
    </Stack>
  )
}
