import {
  getIndexableStringMonad,
  getPrimaryFieldOfPrimaryKey,
  getSchemaByObjectPath,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  toArray,
} from 'rxdb'
import type { RxDocumentData, RxJsonSchema, RxQueryPlanKey } from 'rxdb'

/**
 * One schema index stored as one BLOB column holding RxDB's "indexable string" for that index.
 * RxDB builds that string so that comparing two of them orders documents exactly as the index
 * does (numbers padded, strings padded to maxLength, the primary key last), and its query
 * planner hands us range bounds in the same form. Keeping RxDB's own encoding means the SQL
 * range is by construction the range RxDB meant, for every field type and compound index.
 */
export interface IndexColumn {
  /** The index's fields, as in the schema after RxDB added `_deleted` and the primary key. */
  readonly fields: readonly string[]
  /** `k0`, `k1`, …: the column, and with the table name, its SQL index. */
  readonly column: string
  readonly keyOf: (document: RxDocumentData<unknown>) => Buffer
}

const SURROGATE = /[\uD800-\uDFFF]/

/**
 * Index strings as BLOBs whose byte order (SQLite compares BLOBs with memcmp) is JavaScript's
 * string order, i.e. UTF-16 code-unit order. Plain UTF-8 is not: it sorts characters above
 * U+FFFF (emoji) after U+FFFF, which is RxDB's INDEX_MAX bound, so such values would silently
 * fall out of range queries. CESU-8 — UTF-8 with each surrogate encoded on its own — keeps
 * code-unit order, and is byte-for-byte UTF-8 for every string without surrogates, which
 * Buffer encodes natively; that covers almost every key, at half the size of UTF-16.
 */
export function encodeIndexString(value: string): Buffer {
  const key = withoutTrailingSpaces(value)
  return SURROGATE.test(key) ? cesu8(key) : Buffer.from(key, 'utf8')
}

/**
 * RxDB pads every string field to its maxLength with spaces, so a key ends in the padding of
 * its last field, the primary key (RxDB appends it to every index): with ids of 26 characters
 * and `maxLength: 40`, 14 bytes per key per index for nothing. Dropping trailing spaces from
 * keys and from bounds alike keeps every comparison RxDB relies on — a key still sorts by its
 * fields, then by primary key — as primary keys may not end with a space. (It only reorders
 * primary keys that differ by a control character where the other one ends, e.g. "a" and
 * "a\t", which RxDB's padding already orders unlike JavaScript does.) Smaller keys make
 * smaller SQL indexes: bulk inserts got about 14% faster.
 */
function withoutTrailingSpaces(value: string): string {
  let end = value.length
  while (end > 0 && value.charCodeAt(end - 1) === 0x20) end--
  return end === value.length ? value : value.slice(0, end)
}

function cesu8(value: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    if (unit < 0x80) bytes.push(unit)
    else if (unit < 0x800) bytes.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f))
    else bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f))
  }
  return Buffer.from(bytes)
}

export function indexName(fields: readonly string[]): string {
  return fields.join(',')
}

/**
 * The indexes the storage keeps for a schema: every schema index (RxDB has already added
 * `_deleted`, the primary key and `['_meta.lwt', primaryKey]`, which getChangedDocumentsSince
 * uses), in schema order, deduplicated.
 */
export function indexColumnsOf(schema: RxJsonSchema<RxDocumentData<unknown>>): IndexColumn[] {
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string
  const indexes = (schema.indexes ?? []).map((index) => toArray(index as string | string[]))
  indexes.push(changesIndexFields(primaryPath))
  const seen = new Set<string>()
  const unique = indexes.filter((index) => {
    const name = indexName(index)
    if (seen.has(name)) return false
    seen.add(name)
    return true
  })
  return unique.map((fields, position) => {
    const indexable = getIndexableStringMonad(schema, fields)
    return {
      fields,
      column: `k${position}`,
      keyOf: (document) => encodeIndexString(indexable(document)),
    }
  })
}

/** The index RxDB adds for getChangedDocumentsSince(): last write time, then primary key. */
export function changesIndexFields(primaryPath: string): string[] {
  return ['_meta.lwt', primaryPath]
}

/**
 * Everything about the schema that decides what the key columns contain. Stored with the
 * table so that a table written under another layout is rebuilt instead of misread.
 */
export function indexLayoutSignature(
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  columns: readonly IndexColumn[],
): string {
  return JSON.stringify({
    primaryKey: schema.primaryKey,
    indexes: columns.map((column) =>
      column.fields.map((field) => {
        const part = getSchemaByObjectPath(schema, field) as Record<string, unknown>
        return [
          field,
          part['type'],
          part['maxLength'],
          part['minimum'],
          part['maximum'],
          part['multipleOf'],
        ]
      }),
    ),
  })
}

export function lowerBoundKey(
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  fields: readonly string[],
  startKeys: readonly RxQueryPlanKey[],
): Buffer {
  return encodeIndexString(getStartIndexStringFromLowerBound(schema, [...fields], [...startKeys]))
}

export function upperBoundKey(
  schema: RxJsonSchema<RxDocumentData<unknown>>,
  fields: readonly string[],
  endKeys: readonly RxQueryPlanKey[],
): Buffer {
  return encodeIndexString(getStartIndexStringFromUpperBound(schema, [...fields], [...endKeys]))
}
