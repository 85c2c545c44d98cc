/**
 * A first draft of "merge text" for two conflicting versions of a Markdown note: every line of
 * both, in order, each shared line once (a line-level union merge, like git's `union` driver).
 * Lines only one side has are kept where that side had them; where both sides changed the same
 * stretch, mine come first. No base version is kept, so this is a proposal the user edits
 * before saving, never applied on its own.
 */
export function mergeTextDraft(mine: string, theirs: string): string {
  if (mine === theirs || theirs === '') return mine
  if (mine === '') return theirs
  const a = mine.split('\n')
  const b = theirs.split('\n')
  const common = longestCommonSubsequence(a, b)
  const merged: string[] = []
  let i = 0
  let j = 0
  for (const [ai, bj] of common) {
    merged.push(...a.slice(i, ai), ...b.slice(j, bj), a[ai] ?? '')
    i = ai + 1
    j = bj + 1
  }
  merged.push(...a.slice(i), ...b.slice(j))
  return merged.join('\n')
}

/** Index pairs of a longest common subsequence of lines, in order. */
function longestCommonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  // Notes are short (a cap keeps a pathological paste from costing seconds): O(n·m) table.
  if (a.length * b.length > 4_000_000) return []
  const table: Uint32Array[] = Array.from(
    { length: a.length + 1 },
    () => new Uint32Array(b.length + 1),
  )
  for (let i = a.length - 1; i >= 0; i--) {
    const row = table[i] as Uint32Array
    const below = table[i + 1] as Uint32Array
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j]
          ? (below[j + 1] as number) + 1
          : Math.max(below[j] as number, row[j + 1] as number)
    }
  }
  const pairs: [number, number][] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j])
      i++
      j++
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i++
    else j++
  }
  return pairs
}
