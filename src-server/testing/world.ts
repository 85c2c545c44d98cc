import { createUlidFactory } from '@shared/model/ids'
import { exampleDocuments } from '@shared/model/examples'
import { searchKey } from '@shared/model/account'
import type { DocumentOf } from '@shared/model/registry'
import {
  type AccessResponse,
  authorizationHeader,
  pullSearchParams,
  syncPaths,
  type PullResponse,
  type PushRow,
  type SyncCheckpoint,
  type WireDocument,
} from '@shared/sync/protocol'
import type { SyncRole } from '@shared/sync/protocol'
import { issueToken, upsertUser } from '../auth/users'
import type { SqlDatabase } from '../db/database'
import { importDocuments } from '../sync/documents'

/**
 * A small team with its own ids, so tests sharing one database never see each other's rows
 * through a non-admin token: manager M leads CSM A and TAM T; manager N leads CSM B.
 * Account `a` is A's (TAM T), account `b` is B's; each has one ticket and one contact.
 */
export interface World {
  readonly ids: Readonly<Record<'admin' | 'm' | 'n' | 'a' | 'b' | 't', string>>
  readonly tokens: Readonly<Record<'admin' | 'm' | 'n' | 'a' | 'b' | 't', string>>
  readonly accounts: { readonly a: DocumentOf<'accounts'>; readonly b: DocumentOf<'accounts'> }
  readonly tickets: { readonly a: DocumentOf<'tickets'>; readonly b: DocumentOf<'tickets'> }
  readonly contacts: { readonly a: DocumentOf<'contacts'>; readonly b: DocumentOf<'contacts'> }
  readonly newId: () => string
}

const ulids = createUlidFactory()
let worldCounter = 0

export function accountDoc(id: string, ownerId: string, tamId: string | null, name: string) {
  const example = exampleDocuments.accounts[0]
  if (example === undefined) throw new Error('no example account')
  return { ...example, id, ownerId, tamId, name, nameKey: searchKey(name) }
}

export function ticketDoc(id: string, accountId: string, number: number) {
  const example = exampleDocuments.tickets[0]
  if (example === undefined) throw new Error('no example ticket')
  return { ...example, id, accountId, number }
}

export function contactDoc(id: string, accountId: string) {
  const example = exampleDocuments.contacts[0]
  if (example === undefined) throw new Error('no example contact')
  return { ...example, id, accountId }
}

export async function createWorld(db: SqlDatabase, now = new Date()): Promise<World> {
  const n = ++worldCounter
  const id = () => ulids()
  const ids = { admin: id(), m: id(), n: id(), a: id(), b: id(), t: id() }
  const person = async (key: keyof typeof ids, role: SyncRole, managerId: string | null) =>
    upsertUser(db, {
      id: ids[key],
      email: `${key}.${n}.${ids[key].slice(-6).toLowerCase()}@example.com`,
      name: `Person ${key.toUpperCase()} ${n}`,
      role,
      managerId,
    })
  await person('admin', 'admin', null)
  await person('m', 'manager', ids.admin)
  await person('n', 'manager', ids.admin)
  await person('a', 'csm', ids.m)
  await person('t', 'tam', ids.m)
  await person('b', 'csm', ids.n)
  const tokens = {} as Record<keyof typeof ids, string>
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    const issued = await issueToken(db, { userId: ids[key], label: 'test', validForDays: 1, now })
    tokens[key] = issued.token
  }
  const accounts = {
    a: accountDoc(id(), ids.a, ids.t, `Alpha ${n}`),
    b: accountDoc(id(), ids.b, null, `Beta ${n}`),
  }
  const tickets = {
    a: ticketDoc(id(), accounts.a.id, n * 10 + 1),
    b: ticketDoc(id(), accounts.b.id, n * 10 + 2),
  }
  const contacts = { a: contactDoc(id(), accounts.a.id), b: contactDoc(id(), accounts.b.id) }
  await importDocuments(db, 'accounts', [accounts.a, accounts.b])
  await importDocuments(db, 'tickets', [tickets.a, tickets.b])
  await importDocuments(db, 'contacts', [contacts.a, contacts.b])
  return { ids, tokens, accounts, tickets, contacts, newId: id }
}

/** A thin HTTP client for tests: real requests against a listening server. */
export function client(baseUrl: string) {
  const headers = (token: string | undefined, extra: Record<string, string> = {}) => ({
    ...(token ? { authorization: authorizationHeader(token) } : {}),
    ...extra,
  })
  return {
    /** Which accounts the token may see now (protocol rule 7). */
    async access(token: string | undefined) {
      const response = await fetch(`${baseUrl}${syncPaths.access}`, { headers: headers(token) })
      return {
        status: response.status,
        body: (await response.json()) as AccessResponse & ErrorBody,
      }
    },
    async pull(
      token: string | undefined,
      collection: Parameters<typeof syncPaths.pull>[0],
      checkpoint: SyncCheckpoint | null = null,
      limit = 1000,
    ) {
      const url = `${baseUrl}${syncPaths.pull(collection)}?${pullSearchParams(checkpoint, limit)}`
      const response = await fetch(url, { headers: headers(token) })
      return { status: response.status, body: (await response.json()) as PullResponse & ErrorBody }
    },
    /** Pages through a collection from `checkpoint` until a short page. */
    async pullAll(
      token: string,
      collection: Parameters<typeof syncPaths.pull>[0],
      checkpoint: SyncCheckpoint | null = null,
      limit = 1000,
    ): Promise<{ documents: WireDocument[]; checkpoint: SyncCheckpoint | null; pages: number }> {
      const documents: WireDocument[] = []
      let at = checkpoint
      let pages = 0
      for (;;) {
        const { status, body } = await this.pull(token, collection, at, limit)
        if (status !== 200) throw new Error(`pull ${collection} answered ${status}`)
        pages++
        documents.push(...body.documents)
        at = body.checkpoint
        if (body.documents.length < limit) return { documents, checkpoint: at, pages }
      }
    },
    async push(
      token: string | undefined,
      collection: Parameters<typeof syncPaths.push>[0],
      rows: readonly PushRow[] | unknown,
    ) {
      return this.pushRaw(token, collection, JSON.stringify({ rows }))
    },
    async pushRaw(
      token: string | undefined,
      collection: string,
      body: string,
      contentType = 'application/json',
    ) {
      const response = await fetch(`${baseUrl}/v1/sync/${collection}/push`, {
        method: 'POST',
        headers: headers(token, { 'content-type': contentType }),
        body,
      })
      return {
        status: response.status,
        body: (await response.json()) as { conflicts: WireDocument[] } & ErrorBody,
      }
    },
  }
}

export interface ErrorBody {
  readonly error?: { readonly code: string; readonly message: string; readonly details?: unknown }
}

/** A document as a push's new state or assumption. */
export const wire = (doc: object, deleted = false): WireDocument => ({
  ...(doc as Record<string, unknown>),
  id: String(Reflect.get(doc, 'id')),
  _deleted: deleted,
})
