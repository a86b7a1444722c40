import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: Number(process.env.KITH_E2E_START_SECONDS ?? 90) * 1000 + 30_000,
    // One flow at a time: two side by side on a 2-core machine made the marketing flow's send and
    // list steps miss their 30 s waits now and then (seen in a fresh-clone CI run).
    fileParallelism: false,
  },
})
