import { describe, expect, it } from 'vitest'
import { brandingSchema, LOGO_MAX_BYTES, logoDataUrlSchema } from './workspace-settings'

const bytes = (list: readonly number[], length = list.length) =>
  btoa(String.fromCharCode(...list, ...new Array<number>(length - list.length).fill(0)))
const png = (length = 24) => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], length)
const jpeg = (length = 24) => bytes([0xff, 0xd8, 0xff, 0xe0], length)
const message = (value: string) => logoDataUrlSchema.safeParse(value).error?.issues[0]?.message

describe('branding', () => {
  it('accepts a PNG or JPEG logo whose bytes are what it says it is', () => {
    expect(message(`data:image/png;base64,${png()}`)).toBeUndefined()
    expect(message(`data:image/jpeg;base64,${jpeg()}`)).toBeUndefined()
  })

  it('refuses a renamed file, another format, a link and broken base64', () => {
    expect(message(`data:image/png;base64,${jpeg()}`)).toBe('is not a PNG image')
    expect(message(`data:image/jpeg;base64,${png()}`)).toBe('is not a JPEG image')
    expect(message(`data:image/svg+xml;base64,${png()}`)).toBe('must be a PNG or JPEG image')
    expect(message('https://example.com/logo.png')).toBe('must be a PNG or JPEG image')
    expect(message('data:image/png;base64,iVBORw0KGgo')).toBe('must be a PNG or JPEG image')
  })

  it('caps the logo at 64 KB of image bytes', () => {
    const limit = Math.floor(LOGO_MAX_BYTES / 3) * 3
    expect(message(`data:image/png;base64,${png(limit)}`)).toBeUndefined()
    expect(message(`data:image/png;base64,${png(LOGO_MAX_BYTES + 3)}`)).toBe(
      'must be at most 64 KB',
    )
  })

  it('takes colours as #rrggbb only', () => {
    const base = { companyName: 'Corvid', accentColour: '#f08c00', logoDataUrl: null }
    expect(brandingSchema.safeParse({ ...base, primaryColour: '#1C7ed6' }).success).toBe(true)
    for (const colour of ['#fff', 'blue', '1c7ed6', '#1c7ed6ff']) {
      expect(brandingSchema.safeParse({ ...base, primaryColour: colour }).success, colour).toBe(
        false,
      )
    }
  })
})
