import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TierlineError } from '@shared/ipc/errors'

/** DejaVu Sans (free, wide Unicode coverage: €, ¥, ₩, arrows, Cyrillic, Greek), embedded in PDFs. */
export const EXPORT_FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
} as const

export type ExportFonts = { readonly [K in keyof typeof EXPORT_FONT_FILES]: string }

/**
 * Where the fonts are: `resources/fonts` beside the packaged app (electron-builder's
 * extraResources), else the repository's `resources/fonts`, found by walking up from this
 * module — which works from the sources (tests, the E2E harness) and from `out/main` alike.
 */
export function exportFonts(): ExportFonts {
  const candidates: string[] = []
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath
  if (typeof resourcesPath === 'string') candidates.push(join(resourcesPath, 'fonts'))
  let folder = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 6; depth += 1) {
    candidates.push(join(folder, 'resources', 'fonts'))
    folder = dirname(folder)
  }
  return findExportFonts(candidates)
}

/** The first folder holding all three font files; a typed error naming where it looked. */
export function findExportFonts(candidates: readonly string[]): ExportFonts {
  const found = candidates.find((candidate) =>
    Object.values(EXPORT_FONT_FILES).every((file) => existsSync(join(candidate, file))),
  )
  if (found === undefined) {
    throw new TierlineError(
      'internal',
      'The fonts for PDF exports are missing from this installation.',
      { searched: [...candidates] },
    )
  }
  return {
    regular: join(found, EXPORT_FONT_FILES.regular),
    bold: join(found, EXPORT_FONT_FILES.bold),
    italic: join(found, EXPORT_FONT_FILES.italic),
  }
}
