import { writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../test/test-app'
import { FUZZ_ROLES, fuzzOperation, fuzzWorld, newStats, operationsOf, type FuzzStats } from '../test/fuzz/fuzz'

/**
 * Every operation of the served OpenAPI document gets generated hostile requests as every role:
 * none may answer 5xx or show internals. CI sends FUZZ_REQUESTS (default 630, about a minute on
 * PGlite) with a fixed seed; `npm run fuzz` sends many more with a new seed and counts every
 * failure instead of stopping at the first (FUZZ_ALL=1).
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 630)
const SEED = Number(process.env.FUZZ_SEED ?? 19)
const COUNT_ALL = process.env.FUZZ_ALL === '1'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const summary = (s: FuzzStats, ms: number) => ({
  seed: SEED, requests: s.requests, routes: s.routes.size, roles: Object.fromEntries(s.roles), seconds: Math.round(ms / 100) / 10,
  statuses: Object.fromEntries([...s.statuses].sort(([a], [b]) => a - b)), failures: s.failures.length,
  failedRoutes: [...new Set(s.failures.map((f) => `${f.route}: ${f.why}`))], slowest: s.slowest,
})

it('no generated request to any route, as any role, gets a 5xx or internals in the reply', async () => {
  const started = Date.now()
  const world = await fuzzWorld(t)
  const { operations, resolve } = await operationsOf(t)
  expect(operations.length).toBeGreaterThan(100)
  // Each route gets its share, the roles taking turns from route to route so that a small run still covers them all.
  const perRoute = Math.max(1, Math.floor(REQUESTS / operations.length))
  const stats = newStats()
  try {
    for (const [i, op] of operations.entries()) {
      const runs: Partial<Record<(typeof FUZZ_ROLES)[number], number>> = {}
      for (let j = 0; j < perRoute; j++) {
        const role = FUZZ_ROLES[(i + j) % FUZZ_ROLES.length]!
        runs[role] = (runs[role] ?? 0) + 1
      }
      await fuzzOperation(t, world, op, resolve, { runs, seed: SEED * 1000 + i * 10, stats, stopAtFirst: !COUNT_ALL })
    }
  } finally {
    const report = summary(stats, Date.now() - started)
    console.log(`fuzz: ${JSON.stringify(report)}`)
    if (process.env.FUZZ_REPORT) await writeFile(process.env.FUZZ_REPORT, JSON.stringify({ ...report, examples: stats.failures.slice(0, 50) }, null, 2))
  }
  expect(stats.routes.size).toBe(operations.length)
  expect(stats.failures).toEqual([])
}, 30 * 60_000)
