import { minorUnitExponent } from '../../model/primitives'
import type { WorkspaceSettings } from '../../model/workspace-settings'

/**
 * Converts an amount in `currency` minor units to reporting-currency minor units with the
 * workspace's rates (the same conversion that fills `account.arrReportingMinor`); null when the
 * workspace has no rate for the currency, so a caller can say so instead of guessing.
 */
export function toReportingMinor(
  amountMinor: number,
  currency: string,
  settings: Pick<WorkspaceSettings, 'reportingCurrency' | 'fxRates'>,
): number | null {
  if (currency === settings.reportingCurrency) return amountMinor
  const rate = settings.fxRates.find((entry) => entry.currency === currency)?.toReporting
  if (rate === undefined) return null
  const major = amountMinor / 10 ** minorUnitExponent(currency)
  return Math.round(major * rate * 10 ** minorUnitExponent(settings.reportingCurrency))
}
