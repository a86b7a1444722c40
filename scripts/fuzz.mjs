#!/usr/bin/env node
// The long fuzz run: the CI fuzz test (src/server/fuzz.test.ts) with many more requests, a new
// seed each time, and every failure counted instead of stopping at the first.
//   npm run fuzz                         20,000 requests on PGlite, a random seed
//   npm run fuzz -- 100000 42            100,000 requests, seed 42
//   TEST_DB=postgres npm run fuzz        on PostgreSQL
// Prints the counts (requests, routes, roles, statuses, failures) and writes them with up to 50
// failing requests to fuzz-report.json (FUZZ_REPORT to change).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const [requests = '20000', seed = String(Math.floor(Math.random() * 1e6))] = process.argv.slice(2)
const report = process.env.FUZZ_REPORT ?? 'fuzz-report.json'
const env = { TEST_DB: 'pglite', ...process.env, FUZZ_REQUESTS: requests, FUZZ_SEED: seed, FUZZ_ALL: '1', FUZZ_REPORT: report }
const run = spawnSync('npx', ['vitest', 'run', 'src/server/fuzz.test.ts'], { env, stdio: 'inherit' })
try {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  console.log(`\nfuzz: ${r.requests} requests, ${r.routes} routes, roles ${JSON.stringify(r.roles)}, seed ${r.seed}, ${r.seconds} s`)
  console.log(`statuses ${JSON.stringify(r.statuses)}; failures (5xx or internals): ${r.failures}`)
  for (const f of r.failedRoutes) console.log(`  ${f}`)
} catch {
  console.error(`no report in ${report}`)
}
process.exit(run.status ?? 1)
