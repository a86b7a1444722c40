/**
 * `npm run bench`: loads (or reuses) a large data set on PostgreSQL, starts the real server in
 * this process on a random port, and times list, search and read requests over HTTP against the
 * very SQL the repositories issue, run through `pg` directly in the same run. Writes docs/benchmarks.md.
 *
 * Env: BENCH_DATABASE_URL (default: database kith_bench on the local server, kith_bench_<n> for
 * other sizes), BENCH_CUSTOMERS (1_000_000), BENCH_CONTACTS (2 × customers), BENCH_ITERATIONS (200),
 * BENCH_WARMUP (20), BENCH_EXPLAIN=1 (print EXPLAIN ANALYZE of each case's SQL), BENCH_ONLY (search|list|get|sales), BENCH_OPPORTUNITIES (= customers), BENCH_ACTIVITIES (5 × customers),
 * BENCH_OUT (the Markdown file, default docs/benchmarks.md; "-" for none).
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../src/app'
import { parseConfig } from '../src/config'
import { openDatabase, type DB } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { SESSION_COOKIE } from '../src/server/auth'
import { systemContext } from '../src/server/context'
import { createServices } from '../src/services'
import { BENCH_ADMIN_EMAIL, BENCH_DOMAIN, seedBulk } from '../src/seed/bulk'
import { getCases, listCases, salesCases, searchCases, searchTerms, type Case, type CaseContext } from './cases'
import { reportCases, seedReportData } from './reports'
import { httpClient, stats, timeSql, timeSqlSerial, ms, type Captured } from './measure'
import { markdownReport, pass, type Result } from './report'

const num = (v: string | undefined, d: number) => (v ? Number(v.replaceAll('_', '')) : d)
const wantCustomers = num(process.env.BENCH_CUSTOMERS, 1_000_000)
const wantContacts = num(process.env.BENCH_CONTACTS, wantCustomers * 2)
const wantOpportunities = num(process.env.BENCH_OPPORTUNITIES, wantCustomers)
const wantActivities = num(process.env.BENCH_ACTIVITIES, wantCustomers * 5)
const iterations = num(process.env.BENCH_ITERATIONS, 200)
const warmup = num(process.env.BENCH_WARMUP, 20)
const only = process.env.BENCH_ONLY
const out = process.env.BENCH_OUT ?? 'docs/benchmarks.md'
const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = wantCustomers === 1_000_000 ? 'kith_bench' : `kith_bench_${wantCustomers}`
const url = process.env.BENCH_DATABASE_URL ?? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()

if (!process.env.BENCH_DATABASE_URL) {
  const admin = new pg.Client(adminUrl)
  await admin.connect()
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount
  if (!exists) await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
}

const database = await openDatabase({ databaseUrl: url, poolSize: 10 })
await migrateToLatest(database.db)
const count = async (table: 'customers' | 'contacts' | 'opportunities' | 'activities') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
let seeded: string | null = null
{
  const [haveCustomers, haveContacts] = [await count('customers'), await count('contacts')]
  const addCustomers = Math.max(0, wantCustomers - haveCustomers)
  const addContacts = Math.max(0, wantContacts - haveContacts)
  const addOpportunities = Math.max(0, wantOpportunities - (await count('opportunities')))
  const addActivities = Math.max(0, wantActivities - (await count('activities')))
  if (addCustomers + addContacts + addOpportunities + addActivities > 0 || !(await database.db.selectFrom('users').select('id').where('email', '=', BENCH_ADMIN_EMAIL).executeTakeFirst())) {
    console.log(`Seeding ${url.replace(/\/\/[^@]*@/, '//')}: +${addCustomers} customers, +${addContacts} contacts, +${addOpportunities} opportunities, +${addActivities} activities`)
    seeded = await seedBulk(database, {
      customers: addCustomers, contacts: addContacts, opportunities: addOpportunities, activities: addActivities, log: (l) => console.log(`  ${l}`),
    })
    console.log(seeded)
    // Kept with the data (added to what earlier runs noted), so later runs on it can still report how it was made and how fast.
    const before = (await sql<{ note: string | null }>`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = current_database()`.execute(database.db)).rows[0]?.note
    const note = `${before ? `${before}\n\n` : ''}Seeded ${new Date().toISOString().slice(0, 10)}:\n${seeded}`.replaceAll("'", "''")
    await sql.raw(`COMMENT ON DATABASE "${new URL(url).pathname.slice(1)}" IS '${note}'`).execute(database.db)
  }
}
{
  const c = new pg.Client(url)
  await c.connect()
  const note = await seedReportData(c, (l) => console.log(`  ${l}`))
  await c.end()
  if (note) seeded = `${seeded ?? ''}${seeded ? '\n' : ''}${note}`
}
const seedNote = (await sql<{ note: string | null }>`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = current_database()`.execute(database.db)).rows[0]?.note ?? null
const size = { customers: await count('customers'), contacts: await count('contacts'), opportunities: await count('opportunities'), activities: await count('activities') }

// The real server, on a random port, silent.
const config = parseConfig({ DATABASE_URL: url, KITH_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent' })
const { app, services } = await buildApp(config, database, { logger: false })
const serverMs = new Map<string, number>()
app.addHook('onResponse', async (request, reply) => {
  serverMs.set(request.id, reply.elapsedTime)
})
await app.listen({ port: 0, host: '127.0.0.1' })
const port = (app.server.address() as { port: number }).port

const user = (email: string) => database.db.selectFrom('users').select(['id', 'role', 'teamId']).where('email', '=', email).executeTakeFirstOrThrow()
const actors = { admin: await user(BENCH_ADMIN_EMAIL), sales: await user(`sales01@${BENCH_DOMAIN}`) }
const clients = Object.fromEntries(
  await Promise.all(
    (['admin', 'sales'] as const).map(async (role) => {
      const { token, csrfToken } = await services.auth.openSession(actors[role].id, { requestId: 'bench' })
      return [role, httpClient(port, { cookie: `${SESSION_COOKIE}=${app.signCookie(token)}`, accept: 'application/json', 'x-csrf-token': csrfToken })] as const
    }),
  ),
) as Record<'admin' | 'sales', ReturnType<typeof httpClient>>

// Services over a logging Kysely: each case records the exact SQL its request makes the repository run.
const captured: Captured[] = []
const capturePool = new pg.Pool({ connectionString: url, max: 2 })
const captureDb = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: capturePool }),
  plugins: [new CamelCasePlugin()],
  log: (e) => {
    if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters })
  },
})
const sqlClients = [new pg.Client(url), new pg.Client(url)]
for (const c of sqlClients) await c.connect()
const cc: CaseContext = {
  admin: systemContext({ userId: actors.admin.id, role: actors.admin.role, teamId: actors.admin.teamId }, 'bench'),
  sales: systemContext({ userId: actors.sales.id, role: actors.sales.role, teamId: actors.sales.teamId }, 'bench'),
  services: createServices(captureDb, config),
  captured,
  pg: sqlClients[0]!,
  getCount: iterations,
}

const terms = await searchTerms(sqlClients[0]!)
const cases: Case[] = [
  ...(!only || only === 'search' ? await searchCases(cc, terms) : []),
  ...(!only || only === 'list' ? await listCases(cc) : []),
  ...(!only || only === 'get' ? await getCases(cc) : []),
  ...(!only || only === 'sales' ? await salesCases(cc) : []),
  ...(!only || only === 'reports' ? await reportCases(cc) : []),
]
console.log(`\n${size.customers.toLocaleString('en-US')} customers, ${size.contacts.toLocaleString('en-US')} contacts, ${size.opportunities.toLocaleString('en-US')} opportunities, ${size.activities.toLocaleString('en-US')} activities; ${cases.length} cases × ${iterations} iterations (warm-up ${warmup})\n`)

async function runCase(c: Case): Promise<Result> {
  const get = clients[c.role]
  const http: number[] = []
  const server: number[] = []
  const sqlMs: number[] = []
  let rows = -1
  // A case over many paths (GET by id of 3,000 rows) is warmed on each of them once: the first
  // case of a run otherwise measured V8 still optimising the request path, and rows requested for
  // the first time, which a long-running server has long done (admin 2.04-2.12x with 200 warm-up
  // requests, 1.79-1.88x with 1,000-3,000, while the same code for the second role read 1.8-1.9x).
  const warm = Math.max(warmup, c.paths.length)
  for (let i = -warm; i < iterations; i++) {
    const k = ((i % c.paths.length) + c.paths.length) % c.paths.length
    // Interleaved, so both sides see the same cache and load.
    const send = c.request?.(k)
    const res = send ? await get(send.path, send) : await get(c.paths[k]!)
    if (res.status !== 200) throw new Error(`${send?.method ?? 'GET'} ${c.paths[k]} → ${res.status}: ${res.body.slice(0, 300)}`)
    c.afterResponse?.(k, res.body)
    const s = c.sqlMode === 'sum' || c.sqlMode === 'rollback' ? await timeSqlSerial(sqlClients[0]!, c.sql[k]!, c.sqlMode === 'rollback') : await timeSql(sqlClients, c.sql[k]!)
    if (i < 0) continue
    http.push(res.ms)
    server.push(serverMs.get(res.requestId) ?? NaN)
    serverMs.delete(res.requestId)
    sqlMs.push(s)
    if (rows < 0) {
      const body = JSON.parse(res.body) as { items?: unknown[]; rows?: unknown[]; columns?: { items?: unknown[] }[] }
      rows = body.items?.length ?? body.rows?.length ?? body.columns?.reduce((n, col) => n + (col.items?.length ?? 0), 0) ?? 1
    }
  }
  return { c, rows, http: stats(http), server: stats(server), sql: stats(sqlMs) }
}

if (process.env.BENCH_EXPLAIN) {
  for (const c of cases) {
    for (const q of c.sql[0]!) {
      if (/^\s*(begin|commit|rollback)\b/i.test(q.sql) || (c.sqlMode === 'rollback' && !/^\s*select/i.test(q.sql))) continue
      const plan = await sqlClients[0]!.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[])
      console.log(`── ${c.role} ${c.name}\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n`)
    }
  }
}

const loadAtStart = os.loadavg()[0]!
const results: Result[] = []
console.log('role   case'.padEnd(70) + 'rows  http p50/p95/p99     server p50/95 sql p50/p95    ratio  target')
for (const c of cases) {
  const r = await runCase(c)
  results.push(r)
  const verdict = pass(r) ? 'PASS' : 'FAIL'
  console.log(
    `${c.role.padEnd(6)} ${c.name}`.slice(0, 68).padEnd(70) +
      `${String(r.rows).padStart(4)}  ${ms(r.http.p50)}/${ms(r.http.p95)}/${ms(r.http.p99)}`.padEnd(26) +
      `${ms(r.server.p50)}/${ms(r.server.p95)}`.padEnd(13) +
      `${ms(r.sql.p50)}/${ms(r.sql.p95)}`.padEnd(15) +
      `${(r.http.p50 / r.sql.p50).toFixed(2)}×`.padEnd(7) +
      `${c.target.kind === 'p95' ? `p95≤${c.target.ms}ms` : `≤${c.target.max}× SQL`} ${verdict}`,
  )
}


const pgVersion = String((await sqlClients[0]!.query('SHOW server_version')).rows[0].server_version)
const pgSettings = (await sqlClients[0]!.query(`SELECT name, current_setting(name) AS value FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit') ORDER BY name`)).rows as { name: string; value: string }[]
if (out !== '-') {
  writeFileSync(out, markdownReport({ results, size, iterations, warmup, terms, pgVersion, pgSettings, seeded, seedNote, loadAtStart }))
  console.log(`\nWrote ${out}`)
}
const failed = results.filter((r) => !pass(r)).length
console.log(`${results.length - failed} passed, ${failed} failed`)

for (const c of sqlClients) await c.end()
await captureDb.destroy()
await app.close()
await database.close()
