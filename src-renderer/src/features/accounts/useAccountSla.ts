import { useEffect, useState } from 'react'
import { useInvoke } from '../../app/ipc-hooks'

/** How far back the panel's compliance trend and breaches reach. */
export const SLA_MONTHS = 12

/** Longest a browser timer may wait (2^31 − 1 ms); later changes are re-armed on refetch. */
const MAX_TIMER_MS = 2_147_483_647

/**
 * The account's SLA read model from main, refetched when a clock is due to change state
 * (`nextChangeAt`, computed in main) so at-risk and breached states appear on time without
 * the renderer deciding them.
 */
export function useAccountSla(accountId: string) {
  const query = useInvoke('sla.forAccount', { accountId, months: SLA_MONTHS })
  const next = query.data?.nextChangeAt ?? null
  const { refetch } = query
  useEffect(() => {
    if (next === null) return
    // A little after the instant, so main's cached result has expired by then.
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(next) - Date.now()) + 1_000)
    const timer = setTimeout(() => void refetch(), wait)
    return () => clearTimeout(timer)
  }, [next, refetch])
  return query
}

export function useSlaReplay(accountId: string, tierId: string) {
  return useInvoke('sla.replay', { accountId, tierId, months: SLA_MONTHS })
}

/** The current time, updated every `intervalMs`: what live countdowns render from. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
