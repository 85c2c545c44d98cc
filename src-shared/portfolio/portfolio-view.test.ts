import { describe, expect, it } from 'vitest'
import { savedViewSchema } from '../model/saved-view'
import { majorUnits, portfolioCsvTable } from './portfolio-csv'
import { defaultPortfolioColumns } from './portfolio-columns'
import {
  fromStoredView,
  myBookState,
  portfolioViewStateSchema,
  toStoredView,
} from './portfolio-view'

const tier = '01J000000000000000000000TA'

describe('portfolio views', () => {
  it('round-trips a state through the saved-view shape, and the shape passes the model schema', () => {
    const state = portfolioViewStateSchema.parse({
      filters: {
        search: 'acme',
        tierIds: [tier],
        healthBands: ['at-risk'],
        renewalWithinDays: 90,
        signal: 'with-signal',
      },
      sort: { field: 'arrReportingMinor', direction: 'desc' },
      columns: ['tamId', 'name', 'arrReportingMinor'],
    })
    const stored = toStoredView(state)
    const document = {
      id: '01J00000000000000000000000',
      kind: 'savedView',
      ownerId: '01J00000000000000000000001',
      name: 'Enterprise at risk',
      screen: 'portfolio',
      shared: false,
      pinned: false,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      updatedBy: '01J00000000000000000000001',
      ...stored,
    }
    expect(savedViewSchema.safeParse(document).success).toBe(true)
    const back = fromStoredView(stored)
    expect(back.unsupported).toEqual([])
    expect(back.state).toEqual(state)
    // Columns keep the table's order and always include the name.
    expect(back.state.columns).toEqual(['name', 'arrReportingMinor', 'tamId'])
  })

  it("reads the demo book's views and reports the filters it cannot apply", () => {
    const { state, unsupported } = fromStoredView({
      filters: [
        { field: 'tierId', op: 'eq', value: tier },
        { field: 'industry', op: 'eq', value: 'Retail' },
      ],
      sort: [{ field: 'arrReportingMinor', direction: 'desc' }],
      columns: ['name', 'tierId', 'healthBand'],
    })
    expect(state.filters.tierIds).toEqual([tier])
    expect(state.columns).toEqual(['name', 'tierId', 'healthScore'])
    expect(unsupported).toEqual([{ field: 'industry', op: 'eq', value: 'Retail' }])
  })

  it('falls back to My book for an unknown sort and no columns', () => {
    const { state } = fromStoredView({
      filters: [],
      sort: [{ field: 'colour', direction: 'asc' }],
      columns: [],
    })
    expect(state).toEqual(myBookState)
    expect(state.columns).toEqual(defaultPortfolioColumns)
  })

  it('writes money in major units with the currency decimals', () => {
    expect(majorUnits({ amountMinor: 123450, currency: 'USD' })).toBe('1234.50')
    expect(majorUnits({ amountMinor: 5, currency: 'EUR' })).toBe('0.05')
    expect(majorUnits({ amountMinor: 98000, currency: 'JPY' })).toBe('98000')
  })

  it('exports the columns shown, in order, after the account id', () => {
    const table = portfolioCsvTable([], ['name', 'openHighSeverity'])
    expect(table.fields).toEqual(['Account ID', 'Account', 'Open S1', 'Open S2'])
  })
})

describe('view state comparison', () => {
  it('ignores the order filters were picked in, and notices any real change', async () => {
    const { sameViewState } = await import('./portfolio-view')
    const a = portfolioViewStateSchema.parse({ filters: { segments: ['smb', 'enterprise'] } })
    const b = portfolioViewStateSchema.parse({ filters: { segments: ['enterprise', 'smb'] } })
    expect(sameViewState(a, b)).toBe(true)
    expect(sameViewState(a, { ...a, sort: { field: 'name', direction: 'asc' } })).toBe(false)
    expect(sameViewState(a, { ...a, columns: ['name'] })).toBe(false)
  })
})
