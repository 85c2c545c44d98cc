import type { CollectionName } from '@shared/model/registry'
import { userRoleSchema } from '@shared/model/enums'
import type { SyncRole } from '@shared/sync/protocol'
import { z } from 'zod'
import { issueToken, upsertUser } from './auth/users'
import type { SqlDatabase } from './db/database'
import { migrate } from './db/migrations'
import { importDocuments } from './sync/documents'

/** One batch of a demo book: documents of one collection (as src-main/db/seed emits them). */
export interface BookBatch {
  readonly collection: CollectionName
  readonly docs: readonly Readonly<Record<string, unknown>>[]
}

const bookUserSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  managerId: z.string().nullable(),
})

export interface SeededToken {
  readonly role: SyncRole
  readonly name: string
  readonly email: string
  readonly token: string
  readonly expiresAt: string
}

export interface SeedResult {
  readonly documents: Partial<Record<CollectionName, number>>
  readonly tokens: readonly SeededToken[]
}

/** How many sign-in tokens the seed hands out per role: "a few of each". */
const tokensPerRole: Readonly<Record<SyncRole, number>> = { admin: 1, manager: 2, csm: 3, tam: 2 }

/**
 * Loads a demo book batch by batch (never the whole book in memory) and makes every person in
 * its `users` collection a server user with the same id, role and manager, so the accounts'
 * `ownerId`/`tamId` decide access. Returns fresh tokens for a few users of each role.
 * Loading the same book again changes nothing (unchanged documents keep their seq).
 */
export async function seedBook(
  db: SqlDatabase,
  batches: Iterable<BookBatch>,
  options: {
    now: Date
    validForDays: number
    onProgress?: (collection: string, n: number) => void
  },
): Promise<SeedResult> {
  await migrate(db)
  const documents: Partial<Record<CollectionName, number>> = {}
  const people: z.infer<typeof bookUserSchema>[] = []
  for (const batch of batches) {
    if (batch.collection === 'users') {
      for (const doc of batch.docs) people.push(bookUserSchema.parse(doc))
    }
    const written = await importDocuments(db, batch.collection, batch.docs)
    documents[batch.collection] = (documents[batch.collection] ?? 0) + written
    options.onProgress?.(batch.collection, documents[batch.collection] ?? 0)
  }
  // Managers before their reports, so every manager reference exists when it is written.
  const depth = (user: (typeof people)[number]): number => {
    let d = 0
    for (let m = user.managerId; m !== null && d < people.length; d++) {
      m = people.find((p) => p.id === m)?.managerId ?? null
    }
    return d
  }
  const ordered = [...people].sort((a, b) => depth(a) - depth(b))
  for (const person of ordered) {
    await upsertUser(db, {
      id: person.id,
      email: person.email,
      name: person.name,
      role: person.role,
      managerId: person.managerId,
    })
  }
  const tokens: SeededToken[] = []
  for (const role of userRoleSchema.options) {
    for (const person of people.filter((p) => p.role === role).slice(0, tokensPerRole[role])) {
      const issued = await issueToken(db, {
        userId: person.id,
        label: 'seed',
        validForDays: options.validForDays,
        now: options.now,
      })
      tokens.push({
        role,
        name: person.name,
        email: person.email,
        token: issued.token,
        expiresAt: issued.expiresAt,
      })
    }
  }
  return { documents, tokens }
}
