import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TierlineError } from '@shared/ipc/errors'
import type { ProposalExportProgress } from '@shared/proposals/document/export-input'
import { exportInput } from '@shared/proposals/document/fixtures'
import { readDocxXml, readPdfText } from '../../../test/fixtures/export-readers'
import { tempDir } from '../../../test/fixtures/temp-dir'
import type { SaveFileOptions } from '../app/app-handlers'
import { exportProposal, type ProposalExporterContext } from './export-service'

function exporter(choose: (options: SaveFileOptions) => Promise<string | null>) {
  const events: ProposalExportProgress[] = []
  const asked: SaveFileOptions[] = []
  const context: ProposalExporterContext = {
    loadInput: async (id) => exportInput({ proposalId: id }),
    desktop: {
      openPath: async () => undefined,
      chooseSaveFile: async (options) => {
        asked.push(options)
        return choose(options)
      },
    },
    publish: (event) => events.push(event),
  }
  return { context, events, asked }
}

const id = '01J00000000000000000PROP01'

describe('exportProposal', () => {
  it('asks where to save with a suggested name, writes the PDF there and reports progress', async () => {
    const folder = await tempDir()
    const { context, events, asked } = exporter(async (options) =>
      join(folder, options.defaultFileName),
    )
    const result = await exportProposal(context, { id, format: 'pdf' })

    expect(asked).toEqual([
      {
        title: 'Export proposal as PDF',
        defaultFileName: 'northwind-traders-premium-proposal-v3.pdf',
        filters: [{ name: 'PDF documents', extensions: ['pdf'] }],
      },
    ])
    const path = join(folder, 'northwind-traders-premium-proposal-v3.pdf')
    expect(result).toEqual({ saved: true, path, bytes: (await stat(path)).size })
    expect((await readPdfText(path)).text).toContain('Total contract value $85,440.00')

    const shares = events.map((event) => event.share)
    expect(shares[0]).toBe(0)
    expect([...shares].sort((a, b) => a - b)).toEqual(shares)
    expect(events.at(-1)).toEqual({
      proposalId: id,
      format: 'pdf',
      share: 1,
      step: 'Saved',
      done: true,
    })
    expect(events.filter((event) => event.done)).toHaveLength(1)
    expect(new Set(events.map((event) => event.step)).size).toBeGreaterThan(8)
  })

  it('writes DOCX and Markdown the same way', async () => {
    const folder = await tempDir()
    const { context } = exporter(async (options) => join(folder, options.defaultFileName))
    const docx = await exportProposal(context, { id, format: 'docx' })
    const markdown = await exportProposal(context, { id, format: 'markdown' })
    if (!docx.saved || !markdown.saved) throw new Error('not saved')
    expect(docx.path.endsWith('.docx')).toBe(true)
    expect((await readDocxXml(docx.path)).headerText).toContain('DRAFT')
    expect(markdown.path.endsWith('-v3.md')).toBe(true)
    expect(await readFile(markdown.path, 'utf8')).toContain('## Pricing')
  })

  it('does nothing when the user cancels the save dialog', async () => {
    const folder = await tempDir()
    const { context, events } = exporter(async () => null)
    expect(await exportProposal(context, { id, format: 'pdf' })).toEqual({ saved: false })
    expect(events.at(-1)).toMatchObject({ step: 'Export cancelled', done: true })
    expect(events.some((event) => event.step.includes('evidence'))).toBe(false)
    await expect(stat(join(folder, 'northwind-traders-premium-proposal-v3.pdf'))).rejects.toThrow()
  })

  it('answers a storage error when the file cannot be written, leaving what was there', async () => {
    const folder = await tempDir()
    const missing = exporter(async () => join(folder, 'no-such-folder', 'p.pdf'))
    const refused = exportProposal(missing.context, { id, format: 'markdown' })
    await expect(refused).rejects.toBeInstanceOf(TierlineError)
    await expect(refused).rejects.toMatchObject({ code: 'storage', details: { reason: 'ENOENT' } })
    expect(missing.events.at(-1)).toMatchObject({ step: 'Export failed', done: true })

    // A folder where the file should go: the rename fails and the folder keeps its content.
    const taken = join(folder, 'taken.md')
    await mkdir(taken)
    await writeFile(join(taken, 'keep.txt'), 'keep me')
    const blocked = exporter(async () => taken)
    await expect(exportProposal(blocked.context, { id, format: 'markdown' })).rejects.toMatchObject(
      {
        code: 'storage',
      },
    )
    expect(await readFile(join(taken, 'keep.txt'), 'utf8')).toBe('keep me')
  })

  it('says so when the host has no save dialog, and passes on a load failure', async () => {
    const noDialog = {
      ...exporter(async () => null).context,
      desktop: { openPath: async () => undefined },
    }
    await expect(exportProposal(noDialog, { id, format: 'pdf' })).rejects.toMatchObject({
      code: 'internal',
      message: 'This Tierline host cannot show a save dialog.',
    })
    const { context, events } = exporter(async () => null)
    const missing = {
      ...context,
      loadInput: () => Promise.reject(new TierlineError('not-found', 'No such proposal.')),
    }
    await expect(exportProposal(missing, { id, format: 'pdf' })).rejects.toMatchObject({
      code: 'not-found',
    })
    expect(events.at(-1)).toMatchObject({ done: true })
  })
})
