import { Badge } from '@mantine/core'
import type { HealthBand } from '@shared/model/enums'

const bandColor: Readonly<Record<HealthBand, string>> = {
  healthy: 'teal',
  watch: 'yellow',
  'at-risk': 'red',
  unknown: 'gray',
}
const bandLabel: Readonly<Record<HealthBand, string>> = {
  healthy: 'Healthy',
  watch: 'Watch',
  'at-risk': 'At risk',
  unknown: 'Unknown',
}

export function HealthBadge({
  band,
  score,
}: {
  readonly band: HealthBand
  readonly score: number | null
}) {
  return (
    <Badge color={bandColor[band]} variant="light">
      {score === null ? bandLabel[band] : `${score} · ${bandLabel[band]}`}
    </Badge>
  )
}
