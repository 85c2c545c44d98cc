import type { FieldIssue, TierlineError } from '@shared/ipc/errors'

const isIssue = (value: unknown): value is FieldIssue =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'field') === 'string' &&
  typeof Reflect.get(value, 'message') === 'string'

/** The per-field issues main attached to a validation error (none for other errors). */
export function issuesOf(error: TierlineError | null | undefined): readonly FieldIssue[] {
  if (error?.code !== 'validation') return []
  const issues = error.details?.['issues']
  return Array.isArray(issues) ? issues.filter(isIssue) : []
}

/**
 * Messages by dotted field path, so each control shows what main said about it. `at(path)` is
 * the message for exactly that field; `under(prefix)` also collects its children's (a severity
 * row shows its own problem and its targets').
 */
export function fieldErrors(issues: readonly FieldIssue[], prefix = '') {
  const byField = new Map<string, string[]>()
  for (const issue of issues) {
    if (!issue.field.startsWith(prefix)) continue
    const field = issue.field.slice(prefix.length)
    byField.set(field, [...(byField.get(field) ?? []), issue.message])
  }
  return {
    at: (field: string): string | undefined => byField.get(field)?.join('; '),
    under: (field: string): string | undefined => {
      const messages = [...byField.entries()]
        .filter(([key]) => key === field || key.startsWith(`${field}.`))
        .flatMap(([, list]) => list)
      return messages.length === 0 ? undefined : messages.join('; ')
    },
    count: issues.length,
  }
}

export type FieldErrors = ReturnType<typeof fieldErrors>
