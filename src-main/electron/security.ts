import { app, session, shell, type WebContents } from 'electron'
import { isSafeExternalUrl } from '@shared/app/external-url'

/** Origins our own pages are served from: the app scheme, and Vite's server during `npm run dev`. */
export function appOrigins(devServerUrl: string | undefined, appOrigin: string): readonly string[] {
  return devServerUrl === undefined ? [appOrigin] : [appOrigin, new URL(devServerUrl).origin]
}

export function isAppUrl(url: string, origins: readonly string[]): boolean {
  try {
    return origins.includes(new URL(url).origin)
  } catch {
    return false
  }
}

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url)
}

/**
 * Electron security checklist, applied to every web contents ever created: no new windows
 * (https links go to the system browser), no navigation away from our origin, no <webview>,
 * and every permission denied except writing to the clipboard from our own pages.
 */
export function hardenWebContents(origins: readonly string[]): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (isAppUrl(url, origins)) return
      event.preventDefault()
      openExternally(url)
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, origins)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  const allowed = (permission: string, requestingUrl: string) =>
    permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, origins)
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowed(permission, contents.getURL()))
  })
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin),
  )
}
