import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    pool: 'forks',
    // Each file builds its own database and app, so files need no fresh module graph: importing
    // the app once per worker instead of once per file halves the suite. And one worker per core,
    // not vitest's cores − 1, which on a 2-core CI machine is a single worker.
    isolate: false,
    maxWorkers: availableParallelism(),
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
