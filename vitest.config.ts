import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src-shared') } },
  test: {
    include: ['src-*/**/*.test.ts', 'src-*/**/*.test.tsx', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    // Vitest runs one file at a time on two cores (it keeps a core free); many files here wait
    // on child processes, PostgreSQL and the disk, so two at a time use the machine better.
    maxWorkers: 2,
  },
})
