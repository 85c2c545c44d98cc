import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const alias = { '@shared': resolve(import.meta.dirname, 'src-shared') }
/**
 * Build output root: `out/` for the app; TIERLINE_OUT_DIR lets a second build (an end-to-end run
 * beside a developer's own) write elsewhere without replacing files a running harness serves.
 */
const outRoot = resolve(import.meta.dirname, process.env['TIERLINE_OUT_DIR'] ?? 'out')

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: resolve(outRoot, 'main'),
      // The workers are entries of their own: main starts them by file (beside index.js).
      lib: {
        entry: {
          index: resolve(import.meta.dirname, 'src-main/electron/index.ts'),
          'engine-worker': resolve(
            import.meta.dirname,
            'src-main/services/engines/worker/engine-worker.ts',
          ),
          'sync-page-worker': resolve(
            import.meta.dirname,
            'src-main/sync/first-pull/page-worker.ts',
          ),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require anything but 'electron': bundle it whole, as CommonJS.
      outDir: resolve(outRoot, 'preload'),
      externalizeDeps: false,
      lib: { entry: resolve(import.meta.dirname, 'src-preload/index.ts') },
      rollupOptions: {
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: resolve(outRoot, 'renderer'),
      // electron-vite leaves the renderer unminified (it loads from disk, not the network), but
      // Chromium parses and compiles every byte before the first paint: minified, the bundle is
      // less than half the size and the portfolio shows its rows sooner.
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
})
