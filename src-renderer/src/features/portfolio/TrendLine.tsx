import classes from './TrendLine.module.css'

const WIDTH = 64
const HEIGHT = 22

/**
 * A weekly health trend as one SVG polyline on the 0–100 scale. The table repaints dozens of
 * these on every filter change, so it is plain SVG rather than a chart component (a Recharts
 * sparkline per row made a filter change take several hundred milliseconds).
 */
export function TrendLine(props: {
  readonly scores: readonly number[]
  readonly band: 'healthy' | 'watch' | 'at-risk' | 'unknown'
}) {
  const { scores } = props
  const step = scores.length > 1 ? WIDTH / (scores.length - 1) : 0
  const points = scores
    .map(
      (score, index) =>
        `${(index * step).toFixed(1)},${(HEIGHT - (score / 100) * HEIGHT).toFixed(1)}`,
    )
    .join(' ')
  return (
    <svg
      className={classes.trend}
      data-band={props.band}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Weekly health: ${scores.join(', ')}`}
    >
      <polyline points={points} fill="none" strokeWidth={1.5} />
    </svg>
  )
}
