/**
 * `npm run bench:import` (or `npx tsx bench/imports.ts`): imports a generated customer CSV with
 * dedupe on e-mail through the real pipeline (stored upload, validation pass, batched writes with
 * audit rows and the undo journal) on PostgreSQL, beside a bare COPY of the same file into a plain
 * table in the same run, and reports rows/s and the peak RSS of this process.
 *
 * Env: BENCH_IMPORT_ROWS (1_000_000), BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres);
 * the database kith_bench_import is dropped and created fresh.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs'
import os from 'node:os'
import { basename } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { newId } from '../src/lib/ids'
import { createServices } from '../src/services'
import { runImport } from '../src/modules/imports/imports.job'

const rows = Number((process.env.BENCH_IMPORT_ROWS ?? '1000000').replaceAll('_', ''))
const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = 'kith_bench_import'
const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()
const file = `${os.tmpdir()}/kith-bench-import-${rows}.csv`

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周']
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都']

async function generate() {
  const w = createWriteStream(file)
  w.write('客户名称,邮箱,手机,公司,城市\n')
  for (let i = 0; i < rows; i++) {
    // 1% repeat an earlier e-mail: the dedupe has something to find.
    const n = i % 100 === 99 ? i - 50 : i
    const line = `${SURNAMES[i % 10]}客户${i},c${n}@bench-import.cn,1${String(3800000000 + i).slice(0, 10)},公司${i % 5000},${CITIES[i % 6]}\n`
    if (!w.write(line)) await new Promise<void>((r) => w.once('drain', () => r()))
  }
  await new Promise<void>((r) => w.end(r))
}

async function main() {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
  await generate()
  const size = statSync(file).size
  console.log(`${rows.toLocaleString()} rows, ${(size / 1048576).toFixed(1)} MB`)

  const database = await openDatabase({ databaseUrl: url, poolSize: 4 })
  await migrateToLatest(database.db)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('CREATE TABLE bench_copy (name text, email text, phone text, company text, city text)')
  let t0 = performance.now()
  // Server-side COPY reads the file as the postgres user; the bench runs on the database host.
  await client.query(`COPY bench_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`)
  const copyMs = performance.now() - t0
  await client.end()

  const userId = newId()
  await database.db.insertInto('users').values({ id: userId, email: 'bench-import@kith.test', name: 'Bench', role: 'admin', teamId: null, active: true, locale: null, passwordHash: 'x', createdBy: null }).execute()
  const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
  const ctx = { actor: { userId, role: 'admin' as const, teamId: null }, requestId: 'bench' }
  const loadBefore = os.loadavg()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  t0 = performance.now()
  const analysis = await services.imports.upload(ctx, { entity: 'customers', fileName: basename(file), data: createReadStream(file, { highWaterMark: 1 << 20 }) })
  const uploadMs = performance.now() - t0
  await services.imports.start(ctx, analysis.id, { entity: 'customers', mode: 'skip-duplicates', dedupeBy: 'email' }, { enqueue: false })
  const phaseAt = performance.now()
  let validateMs = 0
  await runImport({
    db: database.db, defaultRegion: 'CN',
    onProgress: ({ phase, processed }) => {
      if (phase === 'write' && validateMs === 0) validateMs = performance.now() - phaseAt
      if (processed % 100_000 === 0) console.log(`  ${phase} ${processed.toLocaleString()} (${Math.round(process.memoryUsage().rss / 1048576)} MB RSS)`)
    },
  }, analysis.id)
  const importMs = performance.now() - t0
  clearInterval(sampler)
  const status = await services.imports.get(ctx, analysis.id)
  await database.close()

  const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString()
  const table = [
    '| step | time | rows/s |',
    '| --- | ---: | ---: |',
    `| bare \`COPY\` of the file into a plain table | ${(copyMs / 1000).toFixed(1)} s | ${rate(copyMs)} |`,
    `| Kith import: upload into the database (1 MiB chunks) | ${(uploadMs / 1000).toFixed(1)} s | ${rate(uploadMs)} |`,
    `| Kith import: validation pass | ${(validateMs / 1000).toFixed(1)} s | ${rate(validateMs)} |`,
    `| Kith import: total (upload + validate + write with dedupe, audit, journal) | ${(importMs / 1000).toFixed(1)} s | ${rate(importMs)} |`,
  ].join('\n')
  console.log(`\n${rows.toLocaleString()}-row customer CSV, dedupe on e-mail (skip duplicates), PostgreSQL ${os.cpus().length} cores\n`)
  console.log(table)
  console.log(`\nresult: ${status.status}, ${JSON.stringify(status.counts)}; peak RSS ${Math.round(peak / 1048576)} MB (${Math.round(baseline / 1048576)} MB before the import: Node, tsx and the loaded modules); load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before the import, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} after`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
