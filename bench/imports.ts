/**
 * `npm run bench:import` (or `npx tsx bench/imports.ts`): imports a generated customer CSV with
 * dedupe on e-mail through the real pipeline (stored upload, validation pass, batched writes with
 * audit rows and the undo journal) on PostgreSQL, run by the built CLI in a process of its own,
 * beside a bare COPY of the same file into a plain table and a bare INSERT of its rows into the
 * customers table (the schema's own cost) in the same run, and reports rows/s and the importing
 * process's peak RSS.
 *
 * Appends a section to docs/benchmarks-import.md.
 *
 * Env: BENCH_IMPORT_ROWS (1_000_000), BENCH_OUT (default docs/benchmarks-import.md; "-" none),
 * BENCH_PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres);
 * the database kith_bench_import is dropped and created fresh.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import pg from 'pg'
import { openDatabase } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { newId } from '../src/lib/ids'
import { buildServerIfStale } from '../scripts/build-if-stale.mjs'

const rows = Number((process.env.BENCH_IMPORT_ROWS ?? '1000000').replaceAll('_', ''))
const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const dbName = 'kith_bench_import'
const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()
const file = `${os.tmpdir()}/kith-bench-import-${rows}.csv`
const out = process.env.BENCH_OUT ?? 'docs/benchmarks-import.md'

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

  const userId = newId()
  await database.db.insertInto('users').values({ id: userId, email: 'bench-import@kith.test', name: 'Bench', role: 'admin', teamId: null, active: true, locale: null, passwordHash: 'x', createdBy: null }).execute()
  await database.close()

  // The schema's own cost: the same rows INSERTed into the customers table with its indexes and
  // triggers, 5,000 a statement as the import writes them, time-ordered ids like Kith's, no Kith
  // code. Then emptied, so the import starts on the same empty table.
  await client.query('CREATE TABLE bench_rows AS SELECT row_number() OVER () AS n, * FROM bench_copy')
  t0 = performance.now()
  for (let first = 1; first <= rows; first += 5000) {
    await client.query(
      `INSERT INTO customers (id, name, email, phone, company, address, owner_id, created_by)
       SELECT lpad(to_hex(n), 32, '0')::uuid, name, email, phone, company, jsonb_build_object('city', city), $1, $1
       FROM bench_rows WHERE n BETWEEN $2 AND $3`,
      [userId, first, first + 4999],
    )
  }
  const insertMs = performance.now() - t0
  await client.query('TRUNCATE customers, customer_touches, customer_daily_counts CASCADE')
  await client.query('DROP TABLE bench_rows')
  // The baseline's gigabytes of WAL are flushed now, not in the middle of the import.
  await client.query('CHECKPOINT')
  await client.end()

  // The import runs as production runs it: the built CLI (`npx kith import`) in a process of its
  // own, so the peak RSS is that process's high-water mark, not this tsx-run bench's.
  await buildServerIfStale()
  const loadBefore = os.loadavg()
  const watch = new pg.Client({ connectionString: url })
  await watch.connect()
  t0 = performance.now()
  const child = spawn(process.execPath, ['dist/server/cli.mjs', 'import', 'customers', file, '--mapping', 'auto', '--dedupe', 'email', '--as', 'bench-import@kith.test'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  let peakKb = 0
  let idleKb = 0
  let uploadMs = 0
  let writeAt = 0
  let done = false
  void exited.then(() => (done = true))
  let logged = ''
  while (!done) {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
    } catch {
      // The process has just exited: its last reading stands.
    }
    const { rows: [job] } = await watch.query<{ status: string; phase: string | null; processed_rows: number }>('SELECT status, phase, processed_rows FROM imports LIMIT 1')
    if (job && !uploadMs && job.status !== 'analyzing') uploadMs = performance.now() - t0
    if (job && !idleKb) idleKb = peakKb
    if (job?.phase === 'write' && !writeAt) writeAt = performance.now() - t0
    const step = job?.phase ? `${job.phase} ${(job.processed_rows - (job.processed_rows % 100_000)).toLocaleString()}` : ''
    if (step && step !== logged && job!.processed_rows >= 100_000) {
      logged = step
      console.log(`  ${step} rows (peak RSS so far ${Math.round(peakKb / 1024)} MB)`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  const code = await exited
  const importMs = performance.now() - t0
  await watch.end()
  if (code !== 0) throw new Error(`the import exited with ${code}: ${output}`)
  const validateMs = writeAt - uploadMs
  const peak = peakKb * 1024
  const baseline = idleKb * 1024
  const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString()
  const table = [
    '| step | time | rows/s |',
    '| --- | ---: | ---: |',
    `| bare \`COPY\` of the file into a plain table | ${(copyMs / 1000).toFixed(1)} s | ${rate(copyMs)} |`,
    `| bare \`INSERT … SELECT\` of the same rows into the customers table (its 19 indexes and triggers), 5,000 a statement | ${(insertMs / 1000).toFixed(1)} s | ${rate(insertMs)} |`,
    `| Kith import: upload into the database (1 MiB chunks) | ${(uploadMs / 1000).toFixed(1)} s | ${rate(uploadMs)} |`,
    `| Kith import: validation pass | ${(validateMs / 1000).toFixed(1)} s | ${rate(validateMs)} |`,
    `| Kith import: write pass (dedupe, INSERT, audit, journal) | ${((importMs - writeAt) / 1000).toFixed(1)} s | ${rate(importMs - writeAt)} |`,
    `| Kith import: total (upload + validate + write with dedupe, audit, journal) | ${(importMs / 1000).toFixed(1)} s | ${rate(importMs)} |`,
  ].join('\n')
  const heading = `${rows.toLocaleString()}-row customer CSV, dedupe on e-mail (skip duplicates), PostgreSQL, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
  const result = `Result: ${output.trim()}; peak RSS of the importing process ${Math.round(peak / 1048576)} MB (${Math.round(baseline / 1048576)} MB when its upload was stored: Node and the loaded modules); load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before the import, ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} after.`
  console.log(`\n${heading}\n\n${table}\n\n${result}`)
  if (out !== '-') {
    const head = existsSync(out) ? '' : '# Import benchmarks\n\nWritten by `npm run bench:import` (bench/imports.ts), one section a run. Compare the import with the two baselines of its own run: machines and their load differ.\n'
    appendFileSync(out, `${head}\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${heading}\n\n${table}\n\n${result}\n`)
    console.log(`appended to ${out}`)
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
