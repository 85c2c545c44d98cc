import type { CollectionName, DocumentOf } from '@shared/model/registry'
import { calendarDocs, createContext, type BookContext } from './context'
import { accountDoc, contactDocs } from './generate/accounts'
import { activityDocs } from './generate/activities'
import { alertDocs } from './generate/alerts'
import { ledgerDocs } from './generate/ledger'
import { playbookRunDocs } from './generate/playbook-runs'
import { proposalDocs, proposalVersionDocs } from './generate/proposals'
import { ticketsForAccount } from './generate/tickets'
import { usageDocs } from './generate/usage'
import { resolveOptions, type DemoBookOptions } from './options'
import type { AccountPlan } from './plan'

/** Up to `batchSize` documents of one collection. */
export type DemoBatch = {
  [C in CollectionName]: { readonly collection: C; readonly docs: DocumentOf<C>[] }
}[CollectionName]

/**
 * The demo book as a stream of batches, one collection at a time in the registry's dependency
 * order. Only the account plans and a few facts per account are kept between batches, so a
 * loader that writes each batch and lets it go holds at most one batch of documents — the
 * benchmark book (200,000 tickets) streams the same way as the demo one.
 *
 * Deterministic: the same options give the same documents in the same order, byte for byte;
 * nothing reads the clock or global random state.
 */
export function* generateDemoBook(options: DemoBookOptions = {}): Generator<DemoBatch, void, void> {
  const resolved = resolveOptions(options)
  const context = createContext(resolved)
  const size = resolved.batchSize

  yield* chunk(
    'library',
    [
      context.workspace,
      ...calendarDocs(context),
      ...context.playbooks.map((p) => p.doc),
      ...context.savedViews,
      ...context.caseStudies,
    ],
    size,
  )
  yield* chunk('users', context.users.all, size)
  yield* chunk(
    'tiers',
    context.tiers.flatMap((tier) => tier.versions),
    size,
  )
  yield* chunk(
    'accounts',
    perAccount(context, (plan) => [accountDoc(context, plan)]),
    size,
  )
  yield* chunk(
    'contacts',
    perAccount(context, (plan) => contactDocs(context, plan)),
    size,
  )
  yield* chunk(
    'usageSnapshots',
    perAccount(context, (plan) => usageDocs(context, plan)),
    size,
  )
  let number = 1
  yield* chunk(
    'tickets',
    perAccount(context, (plan) => {
      const tickets = ticketsForAccount(context, plan, number)
      number += tickets.length
      return tickets
    }),
    size,
  )
  // Everything below may read the facts the tickets left behind.
  yield* chunk(
    'activities',
    perAccount(context, (plan) => activityDocs(context, plan)),
    size,
  )
  yield* chunk(
    'ledgerEntries',
    perAccount(context, (plan) => ledgerDocs(context, plan)),
    size,
  )
  yield* chunk(
    'proposals',
    perAccount(context, (plan) => proposalDocs(context, plan)),
    size,
  )
  yield* chunk(
    'proposalVersions',
    perAccount(context, (plan) => proposalVersionDocs(context, plan)),
    size,
  )
  yield* chunk(
    'alerts',
    perAccount(context, (plan) => alertDocs(context, plan)),
    size,
  )
  yield* chunk(
    'playbookRuns',
    perAccount(context, (plan) => playbookRunDocs(context, plan)),
    size,
  )
}

function* perAccount<T>(
  context: BookContext,
  make: (plan: AccountPlan) => readonly T[],
): Generator<T> {
  for (const plan of context.plans) yield* make(plan)
}

function* chunk<C extends CollectionName>(
  collection: C,
  docs: Iterable<DocumentOf<C>>,
  size: number,
): Generator<DemoBatch> {
  let batch: DocumentOf<C>[] = []
  for (const doc of docs) {
    batch.push(doc)
    if (batch.length >= size) {
      yield { collection, docs: batch } as DemoBatch
      batch = []
    }
  }
  if (batch.length > 0) yield { collection, docs: batch } as DemoBatch
}
