/**
 * Backup and restore at scale: seeds (or reuses) a PostgreSQL database the way `npm run bench`
 * does — customers, 2 × contacts, 1 × deals, 5 × activities, so 1M customers is the 9M-row
 * database — then times `createBackup` to a file, `restoreBackup` into a new empty database, and
 * checks the restored row counts. With BENCH_PGLITE=1 also restores into and backs up from an
 * embedded (PGlite) data directory.
 *
 * Env: BENCH_CUSTOMERS (1_000_000), BENCH_OUT (docs/benchmarks-backup.md; "-" none), BENCH_DIR (os.tmpdir()),
 * BENCH_PG_ADMIN_URL, BENCH_ENCRYPT=1 (encrypted backup), BENCH_PGLITE=1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase, type Database } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { seedBulk } from '../src/seed/bulk'
import { createBackup } from '../src/modules/backups/backup.create'
import { restoreBackup } from '../src/modules/backups/backup.restore'

const num = (v: string | undefined, d: number) => (v ? Number(v.replaceAll('_', '')) : d)
const customers = num(process.env.BENCH_CUSTOMERS, 1_000_000)
const out = process.env.BENCH_OUT ?? 'docs/benchmarks-backup.md'
const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const secret = process.env.BENCH_ENCRYPT === '1' ? { passphrase: 'bench passphrase for backups' } : undefined
const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString()
const sourceName = customers === 1_000_000 ? 'kith_bench' : `kith_bench_${customers}`
const targetName = `kith_bench_restore_${customers}`

async function admin(text: string, values: unknown[] = []) {
  const c = new pg.Client(adminUrl)
  await c.connect()
  try {
    return await c.query(text, values)
  } finally {
    await c.end()
  }
}

const rowsIn = async (database: Database) =>
  database.copySession(async (s) => {
    const [r] = await s.query<{ n: string }>(
      `SELECT ((SELECT count(*) FROM customers) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM opportunities) + (SELECT count(*) FROM activities))::text AS n`,
    )
    return Number(r.n)
  })

if (!(await admin('SELECT 1 FROM pg_database WHERE datname = $1', [sourceName])).rowCount) await admin(`CREATE DATABASE ${sourceName}`)
const source = await openDatabase({ databaseUrl: urlOf(sourceName), poolSize: 2 })
await migrateToLatest(source.db)
if ((await rowsIn(source)) === 0) {
  console.log(`Seeding ${sourceName} with ${customers} customers…`)
  console.log(await seedBulk(source, { customers, contacts: customers * 2, opportunities: customers, activities: customers * 5, log: (l) => console.log(`  ${l}`) }))
}
const mainRows = await rowsIn(source)
const dir = await mkdtemp(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'kith-bench-backup-'))
const file = path.join(dir, 'bench.kbk')
const lines: string[] = []
const note = (l: string) => {
  console.log(l)
  lines.push(l)
}
const loads: number[] = []
// The machine may be shared: the load average beside each time says how much of it the step had.
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = Date.now()
  const r = await fn()
  loads.push(os.loadavg()[0])
  return [r, (Date.now() - t) / 1000]
}

try {
  const [{ manifest, bytes }, backupS] = await timed(() => createBackup(source, file, secret))
  const allRows = manifest.tables.reduce((n, t) => n + t.rows, 0)
  note(`| backup PostgreSQL → file${secret ? ' (encrypted)' : ''} | ${allRows.toLocaleString('en-US')} | ${backupS.toFixed(1)} s | ${Math.round(allRows / backupS).toLocaleString('en-US')} rows/s | ${(bytes / 1e6).toFixed(0)} MB |`)
  await admin(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`)
  await admin(`CREATE DATABASE ${targetName}`)
  const target = await openDatabase({ databaseUrl: urlOf(targetName), poolSize: 2 })
  try {
    const [, restoreS] = await timed(() => restoreBackup(target, file, { secret }))
    const restored = await rowsIn(target)
    if (restored !== mainRows) throw new Error(`restored ${restored} rows of customers/contacts/deals/activities where the source has ${mainRows}`)
    note(`| restore file → empty PostgreSQL database | ${allRows.toLocaleString('en-US')} | ${restoreS.toFixed(1)} s | ${Math.round(allRows / restoreS).toLocaleString('en-US')} rows/s | |`)
  } finally {
    await target.close()
    await admin(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`)
  }
  if (process.env.BENCH_PGLITE === '1') {
    const embedded = await openDatabase({ dataDir: path.join(dir, 'pglite'), purpose: 'bench' })
    try {
      const [, inS] = await timed(() => restoreBackup(embedded, file, { secret }))
      note(`| restore file → empty PGlite data directory | ${allRows.toLocaleString('en-US')} | ${inS.toFixed(1)} s | ${Math.round(allRows / inS).toLocaleString('en-US')} rows/s | |`)
      const [again, outS] = await timed(() => createBackup(embedded, path.join(dir, 'again.kbk'), secret))
      note(`| backup PGlite → file | ${allRows.toLocaleString('en-US')} | ${outS.toFixed(1)} s | ${Math.round(allRows / outS).toLocaleString('en-US')} rows/s | ${(again.bytes / 1e6).toFixed(0)} MB |`)
    } finally {
      await embedded.close()
    }
  }
} finally {
  await source.close()
  await rm(dir, { recursive: true, force: true })
}

if (out !== '-') {
  const scale = `${customers.toLocaleString('en-US')} customers, ${(customers * 2).toLocaleString('en-US')} contacts, ${customers.toLocaleString('en-US')} deals, ${(customers * 5).toLocaleString('en-US')} activities (${mainRows.toLocaleString('en-US')} rows in those four tables)`
  await writeFile(
    out,
    `# Backup and restore benchmark\n\n` +
      `\`BENCH_CUSTOMERS=${customers} npx tsx bench/backup.ts\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString().slice(0, 10)}; 1-minute load average after each step: ${loads.map((l) => l.toFixed(1)).join(', ')} (above ${os.cpus().length}, other work shared the cores).\n\n` +
      `Scale: ${scale}. The target is ${customers === 1_000_000 ? 'the 9M-row bench database itself' : `${(customers / 1_000_000).toLocaleString('en-US')}× the 9M-row bench database (1M customers); the file streams table by table, so time grows with rows`}.\n\n` +
      `| step | rows (all tables) | time | rate | file |\n| --- | --- | --- | --- | --- |\n${lines.join('\n')}\n\n` +
      `Targets for the 9M-row database: backup ≤ 5 min, restore ≤ 10 min.\n`,
  )
}
