import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'

const alias = { '@shared': resolve(import.meta.dirname, 'src-shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      lib: { entry: resolve(import.meta.dirname, 'src-main/electron/index.ts') },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require anything but 'electron': bundle it whole, as CommonJS.
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
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
  },
})
