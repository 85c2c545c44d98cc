import { migrateLibraryV0 } from '@shared/model/library'
import { migrateProposalV0 } from '@shared/model/proposal'
import type { SqlDatabase, SqlExecutor } from './database'

/**
 * Schema migrations, applied in order on every start. A released migration never changes: a
 * new table or column is a new entry. Each runs in its own transaction under an advisory lock,
 * so several server instances starting at once against one PostgreSQL apply each exactly once.
 */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
  /**
   * Rewrites stored documents after `sql`, in the same transaction, when a collection's schema
   * version changed: the same pure step the clients' RxDB runs (DESIGN: one function for both).
   */
  readonly upgrade?: (tx: SqlExecutor) => Promise<void>
}

/**
 * Rows of `table` written under an older schema (`isOld`) rewritten by `step`, each with a new
 * seq so every client pulls the upgraded document; tombstones are upgraded too, so a restore
 * brings back a valid document.
 */
async function upgradeRows(
  tx: SqlExecutor,
  table: string,
  isOld: string,
  step: (old: Readonly<Record<string, unknown>>) => Record<string, unknown> | null,
): Promise<void> {
  const rows = await tx.query<{ id: string; data: Record<string, unknown> }>(
    `SELECT id, data FROM ${table} WHERE ${isOld} ORDER BY id`,
  )
  for (const row of rows) {
    const next = step(row.data)
    if (next === null) {
      await tx.query(
        `UPDATE ${table} SET deleted = true, server_seq = nextval('sync_seq'), updated_at = now() WHERE id = $1`,
        [row.id],
      )
    } else {
      await tx.query(
        `UPDATE ${table} SET data = $2::jsonb, server_seq = nextval('sync_seq'), updated_at = now() WHERE id = $1`,
        [row.id, JSON.stringify(next)],
      )
    }
  }
}

/** A documents table: the columns DESIGN.md §2 names, plus generated columns for access rules. */
function documentsTable(table: string, extraColumns: readonly string[] = []): string {
  const extra = extraColumns.map((column) => `,\n  ${column}`).join('')
  return `
CREATE TABLE ${table} (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  server_seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()${extra}
);
-- The pull order: a strict total order (server_seq, id), read by index.
CREATE UNIQUE INDEX ${table}_checkpoint ON ${table} (server_seq, id);`
}

/** A child's account, generated from the document so it can never disagree with it. */
const accountColumn = "account_id text GENERATED ALWAYS AS (data->>'accountId') STORED"

function childTable(table: string): string {
  return `${documentsTable(table, [accountColumn])}
CREATE INDEX ${table}_account ON ${table} (account_id);`
}

// The collections as they were when migration 1 was written (frozen on purpose).
const initialChildTables = [
  'docs_contacts',
  'docs_usage_snapshots',
  'docs_tickets',
  'docs_activities',
  'docs_ledger_entries',
  'docs_proposals',
  'docs_alerts',
  'docs_playbook_runs',
]

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'users, tokens and one documents table per collection',
    sql: `
-- One sequence for every write of every collection: each write gets the next number.
CREATE SEQUENCE sync_seq AS bigint;

CREATE TABLE server_users (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'csm', 'tam')),
  manager_id text REFERENCES server_users (id),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX server_users_manager ON server_users (manager_id);

-- Only the SHA-256 of a token is kept: a leaked table does not leak working tokens.
CREATE TABLE auth_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES server_users (id),
  token_hash text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

${documentsTable('docs_library', [
  "kind text GENERATED ALWAYS AS (data->>'kind') STORED",
  "owner_id text GENERATED ALWAYS AS (data->>'ownerId') STORED",
  "shared boolean GENERATED ALWAYS AS ((data->>'shared')::boolean) STORED",
])}
${documentsTable('docs_users')}
${documentsTable('docs_tiers')}
${documentsTable('docs_accounts', [
  "owner_id text GENERATED ALWAYS AS (data->>'ownerId') STORED",
  "tam_id text GENERATED ALWAYS AS (data->>'tamId') STORED",
])}
CREATE INDEX docs_accounts_owner ON docs_accounts (owner_id);
CREATE INDEX docs_accounts_tam ON docs_accounts (tam_id);
${initialChildTables.map(childTable).join('\n')}
`,
  },
  {
    version: 2,
    name: 'proposal versions, a child of their account',
    sql: childTable('docs_proposal_versions'),
  },
  {
    version: 3,
    name: 'proposals v0 → v1: heads with status history and approval',
    sql: 'SELECT 1',
    upgrade: (tx) =>
      upgradeRows(tx, 'docs_proposals', "NOT (data ? 'currentVersion')", migrateProposalV0),
  },
  {
    version: 4,
    name: 'library v0 → v1: workspace settings gain the approval threshold and branding',
    sql: 'SELECT 1',
    upgrade: (tx) =>
      upgradeRows(
        tx,
        'docs_library',
        "kind = 'workspace' AND NOT (data ? 'approvalThresholdShare')",
        migrateLibraryV0,
      ),
  },
]

const MIGRATION_LOCK = 'tierline:migrations'

/** Applies the migrations not applied yet; returns the versions it applied. */
export async function migrate(
  db: SqlDatabase,
  list: readonly Migration[] = migrations,
): Promise<number[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)
  const applied: number[] = []
  for (const migration of list) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK])
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ])
      if (rows.length > 0) return false
      await tx.exec(migration.sql)
      await migration.upgrade?.(tx)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
      return true
    })
    if (done) applied.push(migration.version)
  }
  return applied
}
