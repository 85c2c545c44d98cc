import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { assetHeaders, resolveAsset } from '../services/app-assets/app-assets'

/** The renderer's origin in production: a custom standard scheme instead of file://. */
export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://tierline`

/** Must run before `app` is ready: privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer from disk with the production Content-Security-Policy. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file =
      url.host === 'tierline' ? await resolveAsset(rendererRoot, url.pathname) : undefined
    if (file === undefined) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    return new Response(response.body, { status: 200, headers: assetHeaders(file) })
  })
}
