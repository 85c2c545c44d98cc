/**
 * A file-name part from free text (a view name, an account name): accents dropped, lowercase
 * letters and digits joined by single dashes, at most 60 characters, so every exported file
 * name is safe on every desktop file system; `fallback` when nothing of the text remains.
 */
export function fileSlug(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug === '' ? fallback : slug
}
