#!/usr/bin/env node
// Runs before `npm start`, `npm run dev` and `npm run dist`: fetches the two things the desktop
// app needs from outside the npm registry, once per Electron version.
//   1. The Electron binary (the electron package downloads it on demand, not at install).
//   2. better-sqlite3 compiled for Electron's ABI, kept in build/electron-native/ so the Node
//      build in node_modules stays intact for tests, benchmarks and the sync server.
// Both need internet access; where it is missing we stop with a message that says so.
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const projectRoot = resolve(import.meta.dirname, '..')
const electronDir = dirname(require.resolve('electron/package.json'))
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version
const nativeDir = join(projectRoot, 'build', 'electron-native')
const addon = join(nativeDir, 'better_sqlite3.node')
const stampFile = join(nativeDir, 'stamp.json')
const platform = process.env.npm_config_platform ?? process.platform
const arch = process.env.npm_config_arch ?? process.arch

function fail(lines) {
  rmSync(join(nativeDir, 'staging'), { recursive: true, force: true })
  console.error(
    ['', 'Tierline cannot start yet:', ...lines.map((line) => `  ${line}`), ''].join('\n'),
  )
  process.exit(1)
}

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env }).status === 0
}

function electronBinaryInstalled() {
  const pathFile = join(electronDir, 'path.txt')
  return (
    existsSync(pathFile) &&
    existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  )
}

function ensureElectronBinary() {
  if (electronBinaryInstalled()) return
  console.log(`Fetching the Electron ${electronVersion} binary (once)…`)
  if (
    !run(process.execPath, [join(electronDir, 'install.js')], projectRoot) ||
    !electronBinaryInstalled()
  ) {
    fail([
      `The Electron ${electronVersion} binary could not be downloaded (see the error above).`,
      'This step needs internet access to Electron’s release downloads. Behind a proxy or mirror,',
      'set ELECTRON_MIRROR (and HTTPS_PROXY) and run the command again.',
      'Tests do not need it: `npm test` runs the app in Chromium against the same services.',
    ])
  }
}

function nativeStamp() {
  return JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch })
}

function ensureElectronSqlite() {
  if (
    existsSync(addon) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === nativeStamp()
  )
    return
  console.log(
    `Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}, once)…`,
  )
  const staging = join(nativeDir, 'staging', 'better-sqlite3')
  rmSync(join(nativeDir, 'staging'), { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  cpSync(sqliteDir, staging, {
    recursive: true,
    filter: (source) =>
      !source.startsWith(join(sqliteDir, 'build')) &&
      !source.startsWith(join(sqliteDir, 'node_modules')),
  })
  const built = join(staging, 'build', 'Release', 'better_sqlite3.node')
  // A prebuilt binary from better-sqlite3's releases is fastest; compiling against Electron's
  // headers is the fallback. Both download, so both need the internet.
  const prebuildInstall = join(
    dirname(require.resolve('prebuild-install/package.json', { paths: [sqliteDir] })),
    'bin.js',
  )
  const fetched = run(
    process.execPath,
    [
      prebuildInstall,
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--platform=${platform}`,
    ],
    staging,
  )
  if (!fetched || !existsSync(built)) {
    // npm tells its scripts where its bundled node-gyp is; next to node is the usual place otherwise.
    const nodeGyp = [
      process.env.npm_config_node_gyp,
      join(
        dirname(process.execPath),
        '..',
        'lib',
        'node_modules',
        'npm',
        'node_modules',
        'node-gyp',
        'bin',
        'node-gyp.js',
      ),
    ].find((candidate) => candidate !== undefined && existsSync(candidate))
    const compiled =
      nodeGyp !== undefined &&
      run(
        process.execPath,
        [
          nodeGyp,
          'rebuild',
          '--release',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        staging,
      )
    if (!compiled || !existsSync(built)) {
      fail([
        `better-sqlite3 could not be built for Electron ${electronVersion} (see the errors above).`,
        'This step downloads a prebuilt binary or Electron’s headers, so it needs internet access,',
        'plus a C++ toolchain (python3, make, g++ / Xcode / Visual Studio Build Tools) to compile.',
      ])
    }
  }
  copyFileSync(built, addon)
  writeFileSync(stampFile, nativeStamp())
  rmSync(join(nativeDir, 'staging'), { recursive: true, force: true })
}

if (process.argv.includes('--dist') && !process.env.TIERLINE_UPDATE_URL) {
  fail([
    'Set TIERLINE_UPDATE_URL to the https folder the release files will be uploaded to;',
    'the packaged app checks it for updates (electron-builder.yml, publish).',
  ])
}
ensureElectronBinary()
ensureElectronSqlite()
