/**
 * `npm run bench:export`: streams the whole customers list of the bench database (1M rows, made
 * by `npm run bench`) through GET /customers/export as CSV and XLSX over real HTTP, and times a
 * bare `COPY (SELECT …) TO STDOUT` of the same rows in the same run, so the figures say what the
 * export costs beyond reading the table. Appends a section to docs/benchmarks-export.md.
 *
 * Env: BENCH_DATABASE_URL (default the local kith_bench), BENCH_EXPORT_FORMATS (csv,xlsx),
 * BENCH_EXPORT_XLSX_ALL=1 (XLSX of every row; default the sales rep's rows), BENCH_OUT (default docs/benchmarks-export.md; "-" none).
 * The database must be migrated already (npm run bench does it): this bench never changes the schema.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { appendFileSync, writeFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import { buildApp } from '../src/app'
import { parseConfig } from '../src/config'
import { openDatabase } from '../src/db/database'
import { SESSION_COOKIE } from '../src/server/auth'
import { BENCH_ADMIN_EMAIL, BENCH_DOMAIN } from '../src/seed/bulk'

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kith_bench'
const formats = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,xlsx').split(',')
const out = process.env.BENCH_OUT ?? 'docs/benchmarks-export.md'

const database = await openDatabase({ databaseUrl: url, poolSize: 4 })
const config = parseConfig({ DATABASE_URL: url, KITH_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent' })
const { app, services } = await buildApp(config, database, { logger: false })
await app.listen({ port: 0, host: '127.0.0.1' })
const port = (app.server.address() as { port: number }).port
const user = (email: string) => database.db.selectFrom('users').select(['id']).where('email', '=', email).executeTakeFirstOrThrow()
const cookieFor = async (email: string) => {
  const { token } = await services.auth.openSession((await user(email)).id, { requestId: 'bench' })
  return `${SESSION_COOKIE}=${app.signCookie(token)}`
}
const total = Number((await database.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).where('deletedAt', 'is', null).executeTakeFirstOrThrow()).n)

/** Reads a download to the end, counting bytes and line ends; returns seconds and peak RSS. */
function download(path: string, cookie: string) {
  return new Promise<{ s: number; cpu: number; bytes: number; lines: number; status: number; rssMb: number }>((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const cpu0 = process.cpuUsage()
    let bytes = 0
    let lines = 0
    let rss = 0
    const timer = setInterval(() => { rss = Math.max(rss, process.memoryUsage().rss) }, 200)
    http.get({ host: '127.0.0.1', port, path, headers: { cookie } }, (res) => {
      res.on('data', (c: Buffer) => {
        bytes += c.length
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++
      })
      res.on('end', () => {
        clearInterval(timer)
        const cpu = process.cpuUsage(cpu0)
        resolve({ s: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, bytes, lines, status: res.statusCode ?? 0, rssMb: Math.round(Math.max(rss, process.memoryUsage().rss) / 1048576) })
      })
      res.on('error', reject)
    }).on('error', reject)
  })
}

/** The floor: PostgreSQL writing the same columns as CSV with nothing in between (psql to /dev/null). */
function bareCopy() {
  const q = `COPY (SELECT c.name, c.type, c.status, c.email, c.phone, c.company, c.website, c.industry, c.address, c.tags, c.source, o.name, c.description, c.created_at, c.updated_at, c.id
    FROM customers c LEFT JOIN users o ON o.id = c.owner_id WHERE c.deleted_at IS NULL ORDER BY c.created_at DESC, c.id DESC) TO STDOUT WITH (FORMAT csv, HEADER)`
  return new Promise<{ s: number; bytes: number }>((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    let bytes = 0
    const p = spawn('psql', [url, '-X', '-q', '-c', q], { stdio: ['ignore', 'pipe', 'inherit'] })
    p.stdout.on('data', (c: Buffer) => { bytes += c.length })
    p.on('error', reject)
    p.on('close', (code) => (code === 0 ? resolve({ s: Number(process.hrtime.bigint() - t0) / 1e9, bytes }) : reject(new Error(`psql exited ${code}`))))
  })
}

const rows: string[] = []
const line = (label: string, n: number, s: number, bytes: number, rss?: number, cpu?: number) => {
  const perCpu = cpu ? `${Math.round(n / cpu).toLocaleString('en')} rows/CPU-s` : '–'
  const r = `| ${label} | ${n.toLocaleString('en')} | ${s.toFixed(1)} s | ${Math.round(n / s).toLocaleString('en')} rows/s | ${perCpu} | ${(bytes / 1048576).toFixed(0)} MB |${rss ? ` ${rss} MB |` : ' – |'}`
  rows.push(r)
  console.log(r)
}

console.log(`${total.toLocaleString('en')} live customers in ${new URL(url).pathname.slice(1)}`)
const admin = await cookieFor(BENCH_ADMIN_EMAIL)
const copy = await bareCopy()
line('bare `COPY (SELECT …) TO STDOUT` (psql)', total, copy.s, copy.bytes)
const sales = await cookieFor(`sales01@${BENCH_DOMAIN}`)
const scoped = await download('/api/v1/customers/export?format=csv', sales)
if (formats.includes('csv')) {
  const r = await download('/api/v1/customers/export?format=csv&lang=en&tz=Asia/Shanghai', admin)
  if (r.status !== 200) throw new Error(`export csv: HTTP ${r.status}`)
  line('GET /customers/export?format=csv (admin, all rows)', total, r.s, r.bytes, r.rssMb, r.cpu)
  if (r.lines !== total + 1) console.warn(`expected ${total + 1} CSV lines, got ${r.lines} (multi-line descriptions?)`)
}
line("GET /customers/export?format=csv (a sales rep: his team's rows)", scoped.lines - 1, scoped.s, scoped.bytes, scoped.rssMb, scoped.cpu)
if (formats.includes('xlsx')) {
  // XLSX (zip + XML per cell) costs several times CSV; BENCH_EXPORT_XLSX_ALL=1 times it over every row.
  const all = process.env.BENCH_EXPORT_XLSX_ALL === '1'
  const r = await download('/api/v1/customers/export?format=xlsx&lang=en&tz=Asia/Shanghai', all ? admin : sales)
  if (r.status !== 200) throw new Error(`export xlsx: HTTP ${r.status}`)
  line(`GET /customers/export?format=xlsx (${all ? 'admin, all rows' : "the sales rep's rows"})`, all ? total : scoped.lines - 1, r.s, r.bytes, r.rssMb, r.cpu)
}

await app.close()
await database.close()

if (out !== '-') {
  const head = existsSync(out) ? '' : '# Export benchmarks\n\nWritten by `npm run bench:export` (bench/exports.ts). Server and client in one process; rows/s = rows ÷ wall time of the whole download.\n'
  const section = [
    `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`,
    `Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (other work shares the machine: rows per CPU-second of this process is the figure that does not depend on it).\n`,
    '| what | rows | time | rate | rate per CPU-second (server + client process) | size | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n')
  if (head) writeFileSync(out, head + section)
  else appendFileSync(out, section)
  console.log(`appended to ${out}`)
}
process.exit(0)
