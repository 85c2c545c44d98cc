import type { Account } from '@shared/model/account'
import type { TierlineDatabase } from '../../db/workspace-store'
import { createAccountData } from '../account-data/account-data'
import { createInProcessBookRuns } from '../engines/book-runs'
import { createEngineCache } from '../engines/engine-cache'

/**
 * Writes the health engine's current score and band onto every account of a just-created book.
 * The portfolio's rows show the stored score until the engines' run joins them; with this, that
 * first paint already agrees with Account 360. Run once at creation only: rewriting derived
 * scores into synced documents on every refresh would churn sync (the read model overlays the
 * engine's scores in memory instead). Accounts the engine cannot score keep what they had.
 */
export async function storeEngineHealth(
  rx: TierlineDatabase,
  now: number = Date.now(),
): Promise<{ readonly updated: number }> {
  const engines = createEngineCache({ database: async () => rx })
  try {
    const data = createAccountData(engines)
    const health = await createInProcessBookRuns(engines, data).run({
      kind: 'health.book',
      at: now,
    })
    const computedAt = new Date(now).toISOString()
    const updates: Account[] = []
    for (const doc of await rx.accounts.find().exec()) {
      const current = health.get(doc.id)?.current
      if (current === undefined) continue
      const same =
        doc.healthScore === current.score &&
        doc.healthBand === current.band &&
        doc.healthComputedAt === computedAt
      if (same) continue
      updates.push({
        ...(doc.toJSON() as Account),
        healthScore: current.score,
        healthBand: current.band,
        healthComputedAt: computedAt,
      })
    }
    if (updates.length > 0) {
      const result = await rx.accounts.bulkUpsert(updates)
      const [first] = result.error
      if (first !== undefined) throw new Error(`account ${first.documentId}: ${first.status}`)
    }
    return { updated: updates.length }
  } finally {
    engines.dispose()
  }
}
