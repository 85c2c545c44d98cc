import { realpath } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { contentSecurityPolicy } from '@shared/app/csp'

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Headers sent with every renderer asset, in the app (custom protocol) and the test bridge alike. */
export function assetHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeOf(file),
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
}

/**
 * Maps a request path to a file inside the built renderer, or undefined when the path would
 * leave that folder (`..`, encoded separators, symlinks pointing out). `/` is the app page.
 */
export async function resolveAsset(root: string, requestPath: string): Promise<string | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(requestPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded
  const base = resolve(root)
  const candidate = resolve(join(base, wanted))
  if (!isInside(base, candidate)) return undefined
  try {
    const real = await realpath(candidate)
    return isInside(await realpath(base), real) ? real : undefined
  } catch {
    return undefined
  }
}

function isInside(base: string, candidate: string): boolean {
  const rel = relative(base, candidate)
  // On Windows a path on another drive comes back absolute from relative().
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}
