import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const projectRoot = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: projectRoot })

/** Lints source text as if it lived at `file`, returning the boundary violations reported. */
async function boundaryViolations(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(projectRoot, file) })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message)
}

describe('dependency direction (DESIGN.md §2) enforced by lint', () => {
  it('rejects an electron import from src-shared', async () => {
    const violations = await boundaryViolations(
      'src-shared/boundary-fixture.ts',
      "import { app } from 'electron'\nexport const name = app.getName()\n",
    )
    expect(violations).toEqual([expect.stringContaining('may not import electron')])
  })

  it.each([
    ['src-shared/x.ts', "import { readFile } from 'node:fs/promises'", 'does no I/O'],
    [
      'src-shared/x.ts',
      "import { router } from '../src-main/services/ipc/router'",
      'no other source folder',
    ],
    ['src-main/services/x.ts', "import { shell } from 'electron'", 'Only src-main/electron/'],
    [
      'src-main/services/x.ts',
      "import { App } from '../../src-renderer/src/app/App'",
      'only src-shared',
    ],
    [
      'src-renderer/src/x.ts',
      "import { createMainServices } from '../../src-main/services/main-services'",
      'only src-shared',
    ],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron'", 'window.tierline'],
    ['src-preload/x.ts', "import { z } from 'zod'", 'only electron and the IPC contract'],
    [
      'src-server/x.ts',
      "import { createRouter } from '../src-main/services/ipc/router'",
      'only src-shared',
    ],
  ])('rejects, in %s: %s', async (file, source, expected) => {
    expect(await boundaryViolations(file, `${source}\nexport {}\n`)).toEqual([
      expect.stringContaining(expected),
    ])
  })

  it.each([
    [
      'src-main/electron/x.ts',
      "import { app } from 'electron'\nimport { contract } from '@shared/ipc/contract'",
    ],
    [
      'src-main/services/x.ts',
      "import { contract } from '@shared/ipc/contract'\nimport { readFile } from 'node:fs'",
    ],
    [
      'src-preload/x.ts',
      "import { contextBridge } from 'electron'\nimport { INVOKE_CHANNEL } from '@shared/ipc/wire'",
    ],
    ['src-renderer/src/x.ts', "import { contract } from '@shared/ipc/contract'"],
  ])('allows, in %s, what the design allows', async (file, source) => {
    expect(await boundaryViolations(file, `${source}\nexport {}\n`)).toEqual([])
  })
})
