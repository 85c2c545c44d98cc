/**
 * Whether a link may be handed to the operating system's browser: https only, no embedded
 * credentials. Anything else (file:, javascript:, custom schemes) could run code or leak data.
 */
export function isSafeExternalUrl(candidate: string): boolean {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  return (
    url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== ''
  )
}
