#!/usr/bin/env node
// Runs after `npm run dist`: proves the packaged executables have Electron's fuses flipped the
// way DESIGN.md §3 requires. End-to-end tests use the unfused development build instead,
// because Playwright's _electron needs the inspect fuse that release builds turn off.
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const dist = resolve(import.meta.dirname, '..', 'dist')
const expected = {
  [FuseV1Options.RunAsNode]: FuseState.DISABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
}

function packagedExecutables() {
  if (!existsSync(dist)) return []
  return readdirSync(dist, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const folder = join(dist, entry.name)
      return [
        join(folder, 'tierline'),
        join(folder, 'Tierline.exe'),
        join(folder, 'Tierline.app', 'Contents', 'MacOS', 'Tierline'),
      ].filter((candidate) => existsSync(candidate))
    })
}

const executables = packagedExecutables()
if (executables.length === 0) {
  console.error('check-fuses: no packaged Tierline executable found under dist/.')
  process.exit(1)
}
let failures = 0
for (const executable of executables) {
  const wire = await getCurrentFuseWire(executable)
  for (const [fuse, state] of Object.entries(expected)) {
    if (wire[fuse] !== state) {
      failures += 1
      console.error(
        `check-fuses: ${executable}: ${FuseV1Options[fuse]} is ${wire[fuse]}, expected ${state}`,
      )
    }
  }
}
if (failures > 0) process.exit(1)
console.log(`check-fuses: ${executables.length} executable(s) fused as required.`)
