import { metricLabels } from '../../tiers/labels'
import type { DocumentFormat } from './format'
import type { ExportEvidenceFigure, ExportEvidenceItem } from './input'
import type { BarChart, EvidenceSection } from './model'

/** Each evidence item with its figures, a bar chart of them and the tickets that show it. */
export function evidenceSection(
  items: readonly ExportEvidenceItem[],
  format: DocumentFormat,
): EvidenceSection {
  return {
    kind: 'evidence',
    heading: 'Evidence',
    intro:
      items.length === 0
        ? 'No evidence items were attached to this version.'
        : `What the account's own data shows (${format.number(items.length)} ${items.length === 1 ? 'item' : 'items'}).`,
    items: items.map((item) => {
      const figures = item.figures.map((figure) => ({
        label: figure.label,
        value: figureText(figure, format),
      }))
      const chart = chartOf(item, format)
      const charted = new Set(chart?.bars.map((bar) => bar.label) ?? [])
      return {
        title: item.title,
        summary: item.summary,
        figures,
        chart,
        unchartedFigures: figures.filter((figure) => !charted.has(figure.label)),
        tickets:
          item.tickets.length === 0
            ? null
            : {
                columns: [
                  { label: 'Ticket', align: 'left' },
                  { label: 'Severity', align: 'left' },
                  { label: 'Opened', align: 'left' },
                  { label: 'Subject', align: 'left' },
                  { label: 'What happened', align: 'left' },
                ],
                rows: item.tickets.map((ticket) => [
                  `#${ticket.number}`,
                  ticket.severity,
                  format.date(ticket.openedAt),
                  ticket.subject,
                  ticket.metric === null
                    ? ticket.outcome
                    : `${metricLabels[ticket.metric]}: ${ticket.outcome}`,
                ]),
              },
      }
    }),
  }
}

function figureText(figure: ExportEvidenceFigure, format: DocumentFormat): string {
  if (figure.unit === '%') return format.percent(figure.value)
  const number = format.number(figure.value)
  return figure.unit === '' ? number : `${number} ${figure.unit}`
}

/**
 * Bars only compare like with like: the figures sharing the first figure's unit, when there
 * are at least two and none is negative (a bar cannot be drawn below nothing).
 */
function chartOf(item: ExportEvidenceItem, format: DocumentFormat): BarChart | null {
  const first = item.figures[0]
  if (first === undefined) return null
  const same = item.figures.filter((figure) => figure.unit === first.unit)
  if (
    same.length < 2 ||
    same.some((figure) => figure.value < 0 || !Number.isFinite(figure.value))
  ) {
    return null
  }
  return {
    title: item.title,
    unit: first.unit,
    bars: same.map((figure) => ({
      label: figure.label,
      value: figure.value,
      display: figureText(figure, format),
    })),
  }
}
