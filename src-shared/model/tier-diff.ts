import type { TierDiffEntry } from './tier'

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The changes between two JSON values as dotted paths (`sla.S1.firstResponse.minutes`), used to
 * record what a new tier version changed. Arrays compare element by element; a `null` that
 * becomes an object (a metric gaining a target) is one `changed` entry, not many `added` ones.
 */
export function diffJson(before: unknown, after: unknown, path = ''): TierDiffEntry[] {
  if (Object.is(before, after)) return []
  const join = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`)
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((key) => {
      if (!(key in after)) return [{ path: join(key), op: 'removed' as const, before: before[key] }]
      if (!(key in before)) return [{ path: join(key), op: 'added' as const, after: after[key] }]
      return diffJson(before[key], after[key], join(key))
    })
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length)
    return Array.from({ length }, (_, index) => {
      if (index >= after.length)
        return [{ path: join(index), op: 'removed' as const, before: before[index] }]
      if (index >= before.length)
        return [{ path: join(index), op: 'added' as const, after: after[index] }]
      return diffJson(before[index], after[index], join(index))
    }).flat()
  }
  return [{ path, op: 'changed', before, after }]
}
