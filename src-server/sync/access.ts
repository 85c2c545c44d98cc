import { thresholdEditorRoles } from '@shared/library/proposal-settings'
import type { CollectionName } from '@shared/model/registry'
import type { AccessResponse } from '@shared/sync/protocol'
import type { SqlExecutor, SqlParam } from '../db/database'
import { isAccountChild, tableOf } from '../db/tables'
import type { Principal } from '../auth/users'
import { teamOf } from '../auth/users'
import { SyncError } from '../errors'

/**
 * Row-level access (DESIGN.md §2, issue 6):
 * - admins read and write everything;
 * - a CSM or TAM reads and writes the accounts they own (`ownerId`) or are the TAM of (`tamId`),
 *   and those accounts' children (every collection with an `accountId`);
 * - a manager the same for their whole team (themselves and their direct reports);
 * - everyone reads users, tiers and the library (calendars, playbooks, the workspace document),
 *   except saved views, which only their owner's team sees unless shared;
 * - users, tiers, calendars and the workspace document are written by admins only (except the
 *   workspace's branding, by anyone, and its approval threshold, by managers); playbooks by
 *   admins and managers; saved views by their owner's team; case studies and value-story
 *   templates, the team's shared material, by everyone.
 * Reads are SQL predicates, so a pull can never return a row the caller may not see.
 */
export interface AccessScope {
  readonly principal: Principal
  /** User ids the caller acts for (JSON array text, as the SQL takes it). */
  readonly team: readonly string[]
}

export async function scopeOf(db: SqlExecutor, principal: Principal): Promise<AccessScope> {
  return { principal, team: await teamOf(db, principal) }
}

const inTeam = (column: string, param: number) =>
  `${column} IN (SELECT jsonb_array_elements_text($${param}::jsonb))`

/** Accounts visible to the team in parameter `param`. */
const visibleAccounts = (param: number) =>
  `SELECT id FROM ${tableOf('accounts')} WHERE ${inTeam('owner_id', param)} OR ${inTeam('tam_id', param)}`

/**
 * The WHERE fragment limiting a pull of `collection` to what the scope may read, using
 * parameter number `param` for the team (the fragment's params are appended by the caller).
 */
export function readPredicate(
  collection: CollectionName,
  scope: AccessScope,
  param: number,
): { sql: string; params: SqlParam[] } {
  if (scope.principal.role === 'admin') return { sql: 'TRUE', params: [] }
  const team = [JSON.stringify(scope.team)]
  if (collection === 'accounts') {
    return { sql: `(${inTeam('owner_id', param)} OR ${inTeam('tam_id', param)})`, params: team }
  }
  if (isAccountChild(collection)) {
    return { sql: `account_id IN (${visibleAccounts(param)})`, params: team }
  }
  if (collection === 'library') {
    return {
      sql: `(kind IS DISTINCT FROM 'savedView' OR shared OR ${inTeam('owner_id', param)})`,
      params: team,
    }
  }
  return { sql: 'TRUE', params: [] }
}

/** A document a push wants to write: its stored version (if any) and the new one. */
export interface WriteIntent {
  readonly index: number
  readonly stored: Readonly<Record<string, unknown>> | undefined
  readonly next: Readonly<Record<string, unknown>>
  /** Whether the push deletes it (a tombstone); absent means not. */
  readonly deleted?: boolean
}

const field = (doc: Readonly<Record<string, unknown>>, name: string): string | null => {
  const value = doc[name]
  return typeof value === 'string' ? value : null
}

/** Deep equality of JSON values, whatever the key order (jsonb stores keys in its own order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  const bKeys = Object.keys(b)
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((key) => sameValue(Reflect.get(a, key), Reflect.get(b, key)))
  )
}

/**
 * Non-admins may edit the existing workspace document only in the proposal settings the app
 * lets them change (Settings → Proposals): branding for everyone, the approval threshold for
 * the roles that approve. Anything else in it (currencies, health weights…) stays admin-only.
 */
function workspaceEditAllowed(intent: WriteIntent, role: Principal['role']): boolean {
  if (intent.stored === undefined || intent.deleted === true) return false
  const editable = new Set(['branding', 'updatedAt', 'updatedBy'])
  if (thresholdEditorRoles.includes(role)) editable.add('approvalThresholdShare')
  const keys = new Set([...Object.keys(intent.stored), ...Object.keys(intent.next)])
  return [...keys].every(
    (key) => editable.has(key) || sameValue(intent.stored?.[key], intent.next[key]),
  )
}

/**
 * Throws `forbidden` unless the scope may write every intent; checks both the stored and the
 * new version, so nobody moves a document out of, or into, a scope that is not theirs.
 */
export async function assertMayWrite(
  tx: SqlExecutor,
  collection: CollectionName,
  scope: AccessScope,
  intents: readonly WriteIntent[],
): Promise<void> {
  const { role } = scope.principal
  if (role === 'admin') return
  const team = new Set(scope.team)
  const refused = new Set<number>()
  const versions = (intent: WriteIntent) =>
    intent.stored === undefined ? [intent.next] : [intent.stored, intent.next]

  if (collection === 'users' || collection === 'tiers') {
    throw new SyncError('forbidden', `Only admins change ${collection}`)
  }
  if (collection === 'library') {
    for (const intent of intents) {
      for (const doc of versions(intent)) {
        const kind = field(doc, 'kind')
        const allowed =
          kind === 'savedView'
            ? team.has(field(doc, 'ownerId') ?? '')
            : kind === 'playbook'
              ? role === 'manager'
              : kind === 'caseStudy' || kind === 'storyTemplate'
                ? true
                : kind === 'workspace' && workspaceEditAllowed(intent, role)
        if (!allowed) refused.add(intent.index)
      }
    }
  } else if (collection === 'accounts') {
    for (const intent of intents) {
      for (const doc of versions(intent)) {
        const mine = team.has(field(doc, 'ownerId') ?? '') || team.has(field(doc, 'tamId') ?? '')
        if (!mine) refused.add(intent.index)
      }
    }
  } else if (isAccountChild(collection)) {
    const accountIds = new Set<string>()
    for (const intent of intents) {
      for (const doc of versions(intent)) accountIds.add(field(doc, 'accountId') ?? '')
    }
    const rows = await tx.query<{ id: string }>(
      `SELECT id FROM (${visibleAccounts(1)}) visible
        WHERE id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [JSON.stringify(scope.team), JSON.stringify([...accountIds])],
    )
    const visible = new Set(rows.map((row) => row.id))
    for (const intent of intents) {
      for (const doc of versions(intent)) {
        if (!visible.has(field(doc, 'accountId') ?? '')) refused.add(intent.index)
      }
    }
  } else {
    throw new SyncError('forbidden', `No access rule allows writing ${collection}`)
  }
  if (refused.size > 0) {
    throw new SyncError('forbidden', 'This push writes documents outside your accounts', {
      rows: [...refused].sort((a, b) => a - b),
    })
  }
}

/**
 * The accounts the scope may see now (protocol rule 7), by the same predicate pulls use, so a
 * client's list and its pulls can never disagree. Admins see every account: no list is sent.
 */
export async function visibleAccountIds(
  db: SqlExecutor,
  scope: AccessScope,
): Promise<AccessResponse> {
  if (scope.principal.role === 'admin') return { scope: 'all' }
  const access = readPredicate('accounts', scope, 1)
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM ${tableOf('accounts')} WHERE ${access.sql} ORDER BY id`,
    access.params,
  )
  return { scope: 'accounts', accountIds: rows.map((row) => row.id) }
}
