import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each flow has its own server, data dir and browser; most of a flow's time is waiting on
    // them, so two flows share a 2-core machine well. Not more: screenshots wait for animations.
    maxWorkers: Math.min(2, availableParallelism()),
    minWorkers: 1,
  },
})
