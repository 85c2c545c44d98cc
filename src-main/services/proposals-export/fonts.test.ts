import { copyFile, mkdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/fixtures/temp-dir'
import { exportFonts, findExportFonts } from './fonts'

describe('export fonts', () => {
  it('are found in the repository resources from the sources', () => {
    const fonts = exportFonts()
    expect(basename(dirname(fonts.regular))).toBe('fonts')
    expect(basename(fonts.bold)).toBe('DejaVuSans-Bold.ttf')
  })

  it('take the first folder that has all three, and say where they looked when none has', async () => {
    const root = await tempDir()
    const partial = join(root, 'partial')
    await mkdir(partial)
    const fonts = exportFonts()
    await copyFile(fonts.regular, join(partial, basename(fonts.regular)))
    const complete = dirname(fonts.regular)
    expect(findExportFonts([partial, complete]).regular).toBe(fonts.regular)

    expect(() => findExportFonts([partial, join(root, 'nowhere')])).toThrow(
      expect.objectContaining({
        code: 'internal',
        message: 'The fonts for PDF exports are missing from this installation.',
        details: { searched: [partial, join(root, 'nowhere')] },
      }),
    )
  })
})
