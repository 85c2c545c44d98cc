import { TierlineError } from '@shared/ipc/errors'
import type { Account } from '@shared/model/account'
import { currentTierVersions, type Tier } from '@shared/model/tier'
import type { User } from '@shared/model/user'
import { WORKSPACE_SETTINGS_ID } from '@shared/model/workspace-settings'
import { defaultAddOnBook } from '@shared/proposals/add-on-book'
import { addOnSoldWith, type AddOn } from '@shared/proposals/price-book'
import { DEFAULT_APPROVAL_THRESHOLD_SHARE } from '@shared/proposals/approval'
import { prorationCredit, currentContractOf } from '@shared/proposals/proration'
import type { PricingDraft } from '@shared/proposals/draft'
import type { PricingContext } from '@shared/proposals/validation'
import type { TierlineDatabase } from '../../db/workspace-store'

/**
 * What pricing a proposal needs from the workspace, read in one place: the account, the tier
 * version it signed, the target tier's version, the add-on book and the approval threshold.
 */

export interface PricingFacts {
  readonly account: Account
  /** The version the account signed (its current contract's tier). */
  readonly currentTier: Tier
  readonly targetTier: Tier
  readonly context: PricingContext
  readonly thresholdShare: number
}

export async function requireAccount(db: TierlineDatabase, accountId: string): Promise<Account> {
  const doc = await db.accounts.findOne(accountId).exec()
  if (doc === null) {
    throw new TierlineError('not-found', 'This account does not exist in this workspace.', {
      accountId,
    })
  }
  return doc.toJSON() as Account
}

export async function tierVersion(db: TierlineDatabase, versionId: string): Promise<Tier | null> {
  const doc = await db.tiers.findOne(versionId).exec()
  return doc === null ? null : (doc.toJSON() as Tier)
}

/** The version of `tierId` in force on `today`: what a new proposal prices from. */
export async function currentVersionOf(
  db: TierlineDatabase,
  tierId: string,
  today: string,
): Promise<Tier | null> {
  const versions = (await db.tiers.find({ selector: { tierId } }).exec()).map(
    (doc) => doc.toJSON() as Tier,
  )
  return currentTierVersions(versions, today)[0] ?? null
}

/** Today's catalogue: each tier's version in force, by rank. */
export async function catalogueOn(db: TierlineDatabase, today: string): Promise<Tier[]> {
  const versions = (await db.tiers.find().exec()).map((doc) => doc.toJSON() as Tier)
  return currentTierVersions(versions, today)
}

/**
 * The workspace's approval threshold (Settings → Proposals); the built-in 15 % when the
 * workspace document is missing, e.g. in a workspace still being created.
 */
export async function approvalThreshold(db: TierlineDatabase): Promise<number> {
  const doc = (await db.library.findOne(WORKSPACE_SETTINGS_ID).exec())?.toJSON()
  return doc?.kind === 'workspace' ? doc.approvalThresholdShare : DEFAULT_APPROVAL_THRESHOLD_SHARE
}

export async function pricingFacts(
  db: TierlineDatabase,
  account: Account,
  targetTier: Tier,
  /** The version the proposal moves from (its head's); the account's signed one by default. */
  fromTierVersionId: string = account.tierVersionId,
): Promise<PricingFacts> {
  const currentTier = await tierVersion(db, fromTierVersionId)
  if (currentTier === null) {
    throw new TierlineError(
      'not-found',
      `${account.name} is on a tier version this workspace does not have, so it cannot be priced against.`,
      { tierVersionId: fromTierVersionId },
    )
  }
  return {
    account,
    currentTier,
    targetTier,
    context: { targetTier, currentTier, addOns: defaultAddOnBook },
    thresholdShare: await approvalThreshold(db),
  }
}

/**
 * The proration credit a draft gets: the unused part of the current contract when the new one
 * starts inside it (proration.ts), in the contract's currency only — a credit cannot be
 * converted into another currency's price list. Recomputed from the account on every preview
 * and save, so it follows the start date instead of keeping a stale figure.
 */
export function withProrationCredit(draft: PricingDraft, account: Account): PricingDraft {
  const contract = currentContractOf(account)
  if (contract.currency !== draft.currency || draft.startDate < contract.start) {
    return { ...draft, prorationCreditMinor: 0 }
  }
  try {
    return {
      ...draft,
      prorationCreditMinor: prorationCredit(contract, draft.startDate).creditMinor,
    }
  } catch {
    // An unreadable start date is reported by pricing's own validation, in the form's words.
    return { ...draft, prorationCreditMinor: 0 }
  }
}

export async function usersById(db: TierlineDatabase): Promise<Map<string, User>> {
  return new Map((await db.users.find().exec()).map((doc) => [doc.id, doc.toJSON() as User]))
}

export function nameOf(users: ReadonlyMap<string, User>, id: string): string {
  if (id.startsWith('system:')) return 'Tierline'
  return users.get(id)?.name ?? 'Unknown user'
}

/** The add-ons a proposal for `tier` may offer. */
export function addOnsFor(tier: Tier): AddOn[] {
  return defaultAddOnBook.filter((addOn) => addOnSoldWith(addOn, tier))
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/**
 * What the account pays for support a year on the tier it is on: that tier's price book for its
 * seats (at least the tier's minimum) and platform fee, in the contract currency; 0 when the
 * tier has no price list in it. The head keeps it for the comparison and the ARR history.
 */
export function currentAnnualSupportMinor(account: Account, currentTier: Tier): number {
  const price = currentTier.definition.prices.find((p) => p.currency === account.arr.currency)
  if (price === undefined) return 0
  const seats = Math.max(account.seats, price.minimumSeats)
  return seats * price.perSeatMonthlyMinor * 12 + price.platformFeeAnnualMinor
}
