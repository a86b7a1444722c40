import { sql, type Kysely } from 'kysely'
import type { Database, DB } from '../db/database'
import { newId } from '../lib/ids'
import { hashPassword } from '../modules/auth/passwords'
import { GIVEN_NAMES, SURNAMES } from './names'
import { activitiesInsert, contactsInsert, customersInsert, opportunitiesInsert } from './sql-parts'

export const BENCH_PASSWORD = 'bench-password-2026'
export const BENCH_DOMAIN = 'bench.example.com'
export const BENCH_ADMIN_EMAIL = `admin@${BENCH_DOMAIN}`
const TEAMS = ['华东一区 East 1', '华东二区 East 2', '华北一区 North 1', '华北二区 North 2', '华南一区 South 1', '华南二区 South 2', '西南区 Southwest', '华中区 Central', 'Americas', 'EMEA']
const SALES_PER_TEAM = 5

export interface BulkOptions {
  customers: number
  contacts: number
  /** Deals over the existing customers (a third with their stage-change audit rows). */
  opportunities?: number
  /** Activities over the existing customers, skewed so that a few have tens of thousands. */
  activities?: number
  log?: (line: string) => void
  /** Rows per INSERT … SELECT statement (default 100,000 on PostgreSQL, 20,000 on PGlite). */
  batchSize?: number
}

type Conn = Kysely<DB>
const run = (conn: Conn, text: string) => sql.raw(text).execute(conn)
const one = async <T>(conn: Conn, text: string): Promise<T> => (await sql.raw<T>(text).execute(conn)).rows[0]!
const rate = (rows: number, ms: number) => Math.round(rows / Math.max(ms, 1) * 1000).toLocaleString('en-US')
const fmt = (n: number) => n.toLocaleString('en-US')

/**
 * A large data set for benchmarks, generated inside the database: INSERT … SELECT over
 * generate_series in batches, names composed from word pools with deterministic hashed picks
 * (the same counts give the same rows), ids UUIDv7 from each row's created_at. Adds to what is
 * there: owners are ~50 sales users in 10 teams, created (or reused) with one shared password.
 */
export async function seedBulk(database: Database, opts: BulkOptions): Promise<string> {
  const log = opts.log ?? (() => {})
  const batch = opts.batchSize ?? (database.kind === 'pglite' ? 20_000 : 100_000)
  const started = Date.now()
  const lines: string[] = []

  await database.db.connection().execute(async (conn) => {
    if (database.kind === 'postgres') {
      // Session settings only: a bulk load need not wait for each commit to reach the disk.
      await run(conn, `SET synchronous_commit = off`)
      await run(conn, `SET work_mem = '256MB'`)
      // Trigram GIN inserts go through the pending list; a bigger one merges in fewer, larger steps (~1.7x faster).
      await run(conn, `SET gin_pending_list_limit = '64MB'`)
      await run(conn, `SET maintenance_work_mem = '512MB'`)
    }
    const owners = await ensureBenchUsers(conn)
    lines.push(`Bench users: ${owners} sales users in ${TEAMS.length} teams, ${TEAMS.length} managers and ${BENCH_ADMIN_EMAIL}; password ${BENCH_PASSWORD}`)

    if (opts.customers > 0) {
      await run(conn, `DROP TABLE IF EXISTS seed_owners`)
      await run(conn, `CREATE TEMP TABLE seed_owners AS
        SELECT row_number() OVER (ORDER BY email)::int AS n, id AS user_id, team_id FROM users
        WHERE role = 'sales' AND email LIKE 'sales%@${BENCH_DOMAIN}' AND active AND deleted_at IS NULL`)
      const { n: existing } = await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM customers`)
      const first = existing + 1
      const t0 = Date.now()
      for (let lo = first; lo < first + opts.customers; lo += batch) {
        const hi = Math.min(lo + batch - 1, first + opts.customers - 1)
        const tb = Date.now()
        await run(conn, customersInsert(lo, hi, first, opts.customers))
        const done = hi - first + 1
        log(`customers ${fmt(done)}/${fmt(opts.customers)}  batch ${rate(hi - lo + 1, Date.now() - tb)} rows/s, overall ${rate(done, Date.now() - t0)} rows/s`)
      }
      lines.push(`Customers: +${fmt(opts.customers)} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${rate(opts.customers, Date.now() - t0)} rows/s)`)
      await run(conn, `DROP TABLE seed_owners`)
    }

    if (opts.contacts > 0) {
      const t0 = Date.now()
      await run(conn, `DROP TABLE IF EXISTS seed_targets`)
      // Customers without a primary contact come first: contact g <= needPrimary becomes theirs.
      await run(conn, `CREATE TEMP TABLE seed_targets AS
        SELECT (row_number() OVER (ORDER BY has_primary, id))::int AS n, id, created_at, owner_id, zh, domain FROM (
          SELECT c.id, c.created_at, c.owner_id, octet_length(c.name) > length(c.name) AS zh,
                 CASE WHEN c.type = 'company' AND c.email IS NOT NULL THEN split_part(c.email, '@', 2) END AS domain,
                 EXISTS (SELECT 1 FROM contacts p WHERE p.customer_id = c.id AND p.is_primary AND p.deleted_at IS NULL) AS has_primary
          FROM customers c WHERE c.deleted_at IS NULL) s`)
      await run(conn, `ALTER TABLE seed_targets ADD PRIMARY KEY (n)`)
      await run(conn, `ANALYZE seed_targets`)
      const t = await one<{ targets: number; need: number; existing: number }>(conn, `SELECT
        (SELECT count(*)::int FROM seed_targets) AS targets,
        (SELECT count(*)::int FROM seed_targets t WHERE NOT EXISTS (SELECT 1 FROM contacts p WHERE p.customer_id = t.id AND p.is_primary AND p.deleted_at IS NULL)) AS need,
        (SELECT count(*)::int FROM contacts) AS existing`)
      if (t.targets === 0) throw new Error('Contacts need customers: seed some customers first (--customers)')
      const needPrimary = Math.min(t.need, opts.contacts)
      log(`contacts: ${fmt(t.targets)} customers to attach to, ${fmt(t.need)} without a primary contact (prepared in ${Date.now() - t0} ms)`)
      for (let lo = 1; lo <= opts.contacts; lo += batch) {
        const hi = Math.min(lo + batch - 1, opts.contacts)
        const tb = Date.now()
        await run(conn, contactsInsert(lo, hi, needPrimary, t.targets, 777 + t.existing))
        log(`contacts ${fmt(hi)}/${fmt(opts.contacts)}  batch ${rate(hi - lo + 1, Date.now() - tb)} rows/s, overall ${rate(hi, Date.now() - t0)} rows/s`)
      }
      lines.push(`Contacts: +${fmt(opts.contacts)} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${rate(opts.contacts, Date.now() - t0)} rows/s)`)
      await run(conn, `DROP TABLE seed_targets`)
    }

    const addOpps = opts.opportunities ?? 0
    const addActs = opts.activities ?? 0
    if (addOpps > 0 || addActs > 0) {
      // seed_custs.n numbers the live customers; their primary contact and (for activities) latest deal come along.
      const prepare = async (withDeal: boolean) => {
        const t0 = Date.now()
        await run(conn, `DROP TABLE IF EXISTS seed_custs`)
        await run(conn, `CREATE TEMP TABLE seed_custs AS
          SELECT (row_number() OVER (ORDER BY c.id))::int AS n, c.id, c.owner_id, c.team_id, c.created_at,
                 octet_length(c.name) > length(c.name) AS zh, p.id AS contact_id, ${withDeal ? 'd.id' : 'NULL::uuid'} AS opp_id
          FROM customers c
          LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, id FROM contacts WHERE is_primary AND deleted_at IS NULL ORDER BY customer_id, id) p ON p.customer_id = c.id
          ${withDeal ? `LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, id FROM opportunities WHERE deleted_at IS NULL ORDER BY customer_id, created_at DESC, id DESC) d ON d.customer_id = c.id` : ''}
          WHERE c.deleted_at IS NULL`)
        await run(conn, `ALTER TABLE seed_custs ADD PRIMARY KEY (n)`)
        await run(conn, `ANALYZE seed_custs`)
        const { n } = await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM seed_custs`)
        if (n === 0) throw new Error('Opportunities and activities need customers: seed some customers first (--customers)')
        log(`${fmt(n)} customers to attach to (prepared in ${Date.now() - t0} ms)`)
        return n
      }
      // Every reference is made from existing rows (seed_custs), so the foreign-key triggers (customer,
      // contact, deal, owner, team: five lookups and row locks per activity) are skipped when the role
      // may: ~3× faster. Without superuser rights the load just runs with them. Only for activities:
      // the deals write audit rows, which the audit chain's triggers must chain (replica skips them).
      const skipTriggers = database.kind === 'postgres' &&
        (await one<{ su: boolean }>(conn, `SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user`)).su
      if (addOpps > 0) {
        const targets = await prepare(false)
        const { n: existing } = await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM opportunities`)
        const { n: audits0 } = await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'opportunity'`)
        const t0 = Date.now()
        const restore = await dropIndexesFor(conn, database.kind, 'opportunities', existing, addOpps, log)
        for (let lo = 1; lo <= addOpps; lo += batch) {
          const hi = Math.min(lo + batch - 1, addOpps)
          const tb = Date.now()
          await run(conn, opportunitiesInsert(lo + existing, hi + existing, targets, 4242))
          log(`opportunities ${fmt(hi)}/${fmt(addOpps)}  batch ${rate(hi - lo + 1, Date.now() - tb)} rows/s, overall ${rate(hi, Date.now() - t0)} rows/s`)
        }
        await restore()
        const { n: audits } = await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'opportunity'`)
        lines.push(`Opportunities: +${fmt(addOpps)} and +${fmt(audits - audits0)} audit rows (creation, stage change) in ${((Date.now() - t0) / 1000).toFixed(1)} s (${rate(addOpps, Date.now() - t0)} deals/s)`)
      }
      if (skipTriggers) await run(conn, `SET session_replication_role = replica`)
      if (addActs > 0) {
        const targets = await prepare(true)
        const { n: existing } = await one<{ n: number }>(conn, `SELECT count(*)::int AS n FROM activities`)
        const t0 = Date.now()
        const restore = await dropIndexesFor(conn, database.kind, 'activities', existing, addActs, log)
        for (let lo = 1; lo <= addActs; lo += batch) {
          const hi = Math.min(lo + batch - 1, addActs)
          const tb = Date.now()
          await run(conn, activitiesInsert(lo + existing, hi + existing, targets, 5353))
          log(`activities ${fmt(hi)}/${fmt(addActs)}  batch ${rate(hi - lo + 1, Date.now() - tb)} rows/s, overall ${rate(hi, Date.now() - t0)} rows/s`)
        }
        await restore()
        lines.push(`Activities: +${fmt(addActs)} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${rate(addActs, Date.now() - t0)} rows/s)`)
      }
      await run(conn, `DROP TABLE seed_custs`)
      if (skipTriggers) await run(conn, `RESET session_replication_role`)
    }

    // VACUUM also merges the trigram indexes' pending lists and sets the visibility map, so the
    // first searches and benchmarks see the steady state rather than a fresh load.
    const tv = Date.now()
    await run(conn, database.kind === 'postgres' ? `VACUUM (ANALYZE) customers, contacts, users, teams${addOpps || addActs ? ', opportunities, activities, audit_log' : ''}` : `ANALYZE`)
    log(`${database.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE'} in ${((Date.now() - tv) / 1000).toFixed(1)} s`)
  })

  const total = opts.customers + opts.contacts + (opts.opportunities ?? 0) + (opts.activities ?? 0)
  lines.push(`Total: ${fmt(total)} rows in ${((Date.now() - started) / 1000).toFixed(1)} s (${rate(total, Date.now() - started)} rows/s including users and ANALYZE)`)
  return lines.join('\n')
}

/** Ten teams, a manager and five sales users each, and an admin; existing ones are reused. Returns the sales count. */
async function ensureBenchUsers(conn: Conn): Promise<number> {
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  for (const name of TEAMS) {
    await sql`INSERT INTO teams (id, name) VALUES (${newId()}, ${name}) ON CONFLICT (lower(name)) WHERE deleted_at IS NULL DO NOTHING`.execute(conn)
  }
  const teams = await conn.selectFrom('teams').select(['id', 'name']).where('deletedAt', 'is', null).execute()
  const teamId = (i: number) => teams.find((t) => t.name === TEAMS[i])!.id
  const person = (i: number) => SURNAMES[(i * 7) % SURNAMES.length]![0] + GIVEN_NAMES[(i * 11) % GIVEN_NAMES.length]![0]
  const users: { email: string; name: string; role: 'admin' | 'manager' | 'sales'; teamId: string | null }[] = [
    { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin', role: 'admin', teamId: null },
  ]
  TEAMS.forEach((_, t) => {
    users.push({ email: `manager${String(t + 1).padStart(2, '0')}@${BENCH_DOMAIN}`, name: person(100 + t), role: 'manager', teamId: teamId(t) })
    for (let s = 0; s < SALES_PER_TEAM; s++) {
      const n = t * SALES_PER_TEAM + s + 1
      users.push({ email: `sales${String(n).padStart(2, '0')}@${BENCH_DOMAIN}`, name: person(n), role: 'sales', teamId: teamId(t) })
    }
  })
  for (const u of users) {
    await sql`INSERT INTO users (id, email, name, role, team_id, locale, password_hash)
      VALUES (${newId()}, ${u.email}, ${u.name}, ${u.role}, ${u.teamId}, 'zh-CN', ${passwordHash})
      ON CONFLICT (lower(email)) DO NOTHING`.execute(conn)
  }
  return users.filter((u) => u.role === 'sales').length
}

/**
 * When a load at least doubles a table (PostgreSQL only), its secondary indexes are dropped and
 * built again afterwards, all in one transaction (a failure rolls the drop back too): a sorted
 * build is far faster than 10–18 random insertions per row into indexes larger than shared_buffers
 * (measured: ~4,000 deals/s with them, without them the insert is CPU-bound). Returns the step
 * that rebuilds them and commits; a no-op when the indexes stay.
 */
async function dropIndexesFor(conn: Conn, kind: Database['kind'], table: string, existing: number, adding: number, log: (l: string) => void) {
  if (kind !== 'postgres' || adding < Math.max(existing, 50_000)) return async () => {}
  const { rows } = await sql.raw<{ name: string; def: string }>(`SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = '${table}'::regclass AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`).execute(conn)
  await run(conn, 'BEGIN')
  for (const r of rows) await run(conn, `DROP INDEX ${r.name}`)
  log(`${table}: ${rows.length} secondary indexes dropped for the load, rebuilt after it`)
  return async () => {
    const t0 = Date.now()
    for (const r of rows) await run(conn, r.def)
    await run(conn, 'COMMIT')
    log(`${table}: ${rows.length} indexes rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }
}
