import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '@shared/app/csp'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { assetHeaders, resolveAsset } from './app-assets'

async function rendererFolder() {
  const parent = await tempDir()
  const root = join(parent, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html>')
  await writeFile(join(root, 'assets', 'app.js'), '')
  await writeFile(join(parent, 'secret.txt'), 'not for the page')
  return { parent, root }
}

describe('renderer asset resolution', () => {
  it('serves the app page for / and files inside the renderer folder', async () => {
    const { root } = await rendererFolder()
    expect(await resolveAsset(root, '/')).toBe(join(root, 'index.html'))
    expect(await resolveAsset(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%zz',
    '/a\0b',
    '/assets\\..\\..\\secret.txt',
  ])('refuses %s', async (path) => {
    const { root } = await rendererFolder()
    expect(await resolveAsset(root, path)).toBeUndefined()
  })

  it('refuses a symlink that points out of the renderer folder', async () => {
    const { root, parent } = await rendererFolder()
    await symlink(join(parent, 'secret.txt'), join(root, 'assets', 'link.txt'))
    expect(await resolveAsset(root, '/assets/link.txt')).toBeUndefined()
  })

  it('answers missing files with undefined', async () => {
    const { root } = await rendererFolder()
    expect(await resolveAsset(root, '/assets/missing.js')).toBeUndefined()
  })

  it('sends the production CSP and a content type with every asset', () => {
    expect(assetHeaders('/x/index.html')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy,
    })
    expect(contentSecurityPolicy).toContain("script-src 'self'")
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/)
  })
})
