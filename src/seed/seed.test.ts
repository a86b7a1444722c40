import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Database } from '../db/database'
import { toE164 } from '../lib/phone'
import { createServices } from '../services'
import { systemContext } from '../server/context'
import { customerListQuerySchema } from '../modules/customers/customers.schema'
import { createTestDatabase } from '../test/test-db'
import { DEMO_PASSWORD, seedDemo } from './demo'
import { BENCH_PASSWORD, seedBulk } from './bulk'

const rows = async <T>(database: Database, text: string): Promise<T[]> => (await sql.raw<T>(text).execute(database.db)).rows
const one = async <T>(database: Database, text: string): Promise<T> => (await rows<T>(database, text))[0]!

/** Shared checks: every customer has a live owner whose team it carries, and exactly one primary contact. */
async function expectConsistent(database: Database) {
  const bad = await one<{ orphans: number; wrongTeam: number; primaries: number; noPrimary: number; contactsOfNothing: number }>(database, `SELECT
    (SELECT count(*)::int FROM customers c LEFT JOIN users u ON u.id = c.owner_id WHERE u.id IS NULL OR NOT u.active) AS orphans,
    (SELECT count(*)::int FROM customers c JOIN users u ON u.id = c.owner_id WHERE c.team_id IS DISTINCT FROM u.team_id) AS "wrongTeam",
    (SELECT count(*)::int FROM (SELECT customer_id FROM contacts WHERE is_primary GROUP BY customer_id HAVING count(*) > 1) x) AS primaries,
    (SELECT count(*)::int FROM customers c WHERE NOT EXISTS (SELECT 1 FROM contacts p WHERE p.customer_id = c.id AND p.is_primary)) AS "noPrimary",
    (SELECT count(*)::int FROM contacts p LEFT JOIN customers c ON c.id = p.customer_id WHERE c.id IS NULL) AS "contactsOfNothing"`)
  expect(bad).toEqual({ orphans: 0, wrongTeam: 0, primaries: 0, noPrimary: 0, contactsOfNothing: 0 })
  const phones = await rows<{ phone: string }>(database, `SELECT phone FROM customers WHERE phone IS NOT NULL UNION ALL SELECT phone FROM contacts WHERE phone IS NOT NULL`)
  const invalid = phones.filter((p) => toE164(p.phone, 'CN') !== p.phone)
  expect(invalid.slice(0, 5)).toEqual([])
  const text = await one<{ missing: number }>(database, `SELECT count(*)::int AS missing FROM customers WHERE search_text IS NULL OR search_text NOT LIKE lower(name) || '%'`)
  expect(text.missing).toBe(0)
}

describe('demo data', () => {
  let database: Database
  let summary: string
  beforeAll(async () => {
    database = await createTestDatabase()
    summary = await seedDemo(database)
  }, 120_000)
  afterAll(() => database.close())

  it('creates teams, a user of every role, customers and contacts, and says how to sign in', async () => {
    const counts = await one<Record<string, number>>(database, `SELECT
      (SELECT count(*)::int FROM teams) AS teams, (SELECT count(DISTINCT role)::int FROM users) AS roles,
      (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM customers) AS customers,
      (SELECT count(*)::int FROM contacts) AS contacts,
      (SELECT count(*)::int FROM customers WHERE name ~ '[一-龥]') AS chinese,
      (SELECT count(DISTINCT owner_id)::int FROM customers) AS owners`)
    expect(counts).toMatchObject({ teams: 3, roles: 5, users: 9 })
    expect(counts.customers).toBeGreaterThanOrEqual(55)
    expect(counts.contacts).toBeGreaterThanOrEqual(120)
    expect(counts.chinese).toBeGreaterThan(counts.customers! / 2)
    expect(counts.owners).toBeGreaterThanOrEqual(4)
    expect(summary).toContain(DEMO_PASSWORD)
    expect(summary).toContain('admin@demo.example.com')
    await expectConsistent(database)
  })

  it('went through the services: every record has its audit row', async () => {
    const audit = await one<{ customers: number; contacts: number; updates: number }>(database, `SELECT
      (SELECT count(*)::int FROM audit_log WHERE entity = 'customer' AND action = 'create') AS customers,
      (SELECT count(*)::int FROM audit_log WHERE entity = 'contact' AND action = 'create') AS contacts,
      (SELECT count(*)::int FROM audit_log WHERE entity = 'customer' AND action = 'update') AS updates`)
    const counts = await one<{ customers: number; contacts: number }>(database, `SELECT
      (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM contacts) AS contacts`)
    expect(audit).toMatchObject(counts)
    expect(audit.updates).toBeGreaterThan(0)
  })

  it('signs in with the demo password', async () => {
    const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
    const signedIn = await services.auth.login('li.qiang@demo.example.com', DEMO_PASSWORD, { requestId: 'test' })
    expect('user' in signedIn && signedIn.user.role).toBe('sales')
  })

  it('refuses to run again rather than duplicate', async () => {
    await expect(seedDemo(database)).rejects.toThrow(/already has \d+ customers/)
  })
})

describe('bulk data', () => {
  let database: Database
  let summary: string
  beforeAll(async () => {
    database = await createTestDatabase()
    summary = await seedBulk(database, { customers: 2_000, contacts: 4_000, batchSize: 700 })
  }, 120_000)
  afterAll(() => database.close())

  it('loads the asked numbers, owned by ~50 sales users in 10 teams', async () => {
    const counts = await one<Record<string, number>>(database, `SELECT
      (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM contacts) AS contacts,
      (SELECT count(DISTINCT owner_id)::int FROM customers) AS owners, (SELECT count(DISTINCT team_id)::int FROM customers) AS teams,
      (SELECT count(*)::int FROM customers WHERE name ~ '[一-龥]') AS chinese,
      (SELECT count(*)::int FROM customers WHERE created_at < now() - interval '2 years') AS old`)
    expect(counts).toMatchObject({ customers: 2_000, contacts: 4_000, owners: 50, teams: 10 })
    expect(counts.chinese).toBeGreaterThan(1_200)
    expect(counts.old).toBeGreaterThan(400)
    expect(summary).toContain(BENCH_PASSWORD)
    await expectConsistent(database)
  })

  it('makes time-ordered UUIDv7 ids that carry created_at', async () => {
    const sample = await rows<{ id: string; createdAt: Date }>(database, `SELECT id, created_at AS "createdAt" FROM customers LIMIT 50`)
    for (const r of sample) {
      expect(r.id[14]).toBe('7')
      expect(parseInt(r.id.replaceAll('-', '').slice(0, 12), 16)).toBe(r.createdAt.getTime())
    }
  })

  it('is searchable through the service, by name and by phone digits', async () => {
    const target = await one<{ name: string; phone: string }>(database, `SELECT name, phone FROM customers WHERE type = 'company' AND phone IS NOT NULL ORDER BY name LIMIT 1`)
    const admin = await one<{ id: string }>(database, `SELECT id FROM users WHERE role = 'admin'`)
    const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
    const ctx = systemContext({ userId: admin.id, role: 'admin', teamId: null })
    const byName = await services.customers.list(ctx, customerListQuerySchema.parse({ q: target.name }))
    expect(byName.items.map((c) => c.name)).toContain(target.name)
    const byPhone = await services.customers.list(ctx, customerListQuerySchema.parse({ q: target.phone.slice(-8) }))
    expect(byPhone.items.map((c) => c.phone)).toContain(target.phone)
  })

  it('adds to what is there, reusing its users, and is deterministic', async () => {
    await seedBulk(database, { customers: 300, contacts: 400 })
    const counts = await one<Record<string, number>>(database, `SELECT (SELECT count(*)::int FROM customers) AS customers,
      (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM users) AS users`)
    expect(counts).toEqual({ customers: 2_300, contacts: 4_400, users: 61 })
    await expectConsistent(database)
    // The first rows of the two runs were made from the same row numbers: same names.
    const fresh = await createTestDatabase()
    try {
      await seedBulk(fresh, { customers: 100, contacts: 0 })
      const names = async (d: Database) => (await rows<{ name: string }>(d, `SELECT name FROM customers ORDER BY name`)).map((r) => r.name)
      const original = await names(database)
      for (const n of await names(fresh)) expect(original).toContain(n)
    } finally {
      await fresh.close()
    }
  })
})

describe('bulk sales data', () => {
  let database: Database
  let summary: string
  beforeAll(async () => {
    database = await createTestDatabase()
    summary = await seedBulk(database, { customers: 500, contacts: 800, opportunities: 1_200, activities: 3_000, batchSize: 700 })
  }, 120_000)
  afterAll(() => database.close())

  it('loads deals over the customers, owned like their customer, in every stage', async () => {
    const c = await one<Record<string, number>>(database, `SELECT
      (SELECT count(*)::int FROM opportunities) AS opportunities, (SELECT count(*)::int FROM activities) AS activities,
      (SELECT count(*)::int FROM opportunities o JOIN customers c ON c.id = o.customer_id WHERE o.owner_id IS DISTINCT FROM c.owner_id OR o.team_id IS DISTINCT FROM c.team_id) AS "wrongOwner",
      (SELECT count(DISTINCT stage)::int FROM opportunities) AS stages,
      (SELECT count(*)::int FROM opportunities o JOIN pipeline_stages s ON s.key = o.stage WHERE o.probability <> s.probability) AS "wrongProbability",
      (SELECT count(*)::int FROM opportunities WHERE (stage = 'lost') <> (lost_reason IS NOT NULL)) AS "wrongReason",
      (SELECT count(*)::int FROM opportunities WHERE (stage IN ('won', 'lost')) <> (closed_at IS NOT NULL)) AS "wrongClosed",
      (SELECT count(*)::int FROM opportunities WHERE currency = 'CNY') AS cny,
      (SELECT count(*)::int FROM opportunities WHERE created_at > updated_at OR created_at < (SELECT created_at FROM customers WHERE id = customer_id)) AS "badDates",
      (SELECT count(*)::int FROM opportunities WHERE expected_close_date NOT BETWEEN current_date - 800 AND current_date + 400) AS "farDates"`)
    expect(c).toMatchObject({ opportunities: 1_200, activities: 3_000, wrongOwner: 0, stages: 6, wrongProbability: 0, wrongReason: 0, wrongClosed: 0, badDates: 0, farDates: 0 })
    expect(c.cny).toBeGreaterThan(900)
    expect(summary).toMatch(/Opportunities: \+1,200/)
  })

  it('writes the audit history of a third of the deals, which the history and timeline read', async () => {
    const a = await one<{ creates: number; changes: number; mismatched: number }>(database, `SELECT
      (SELECT count(*)::int FROM audit_log WHERE entity = 'opportunity' AND action = 'create') AS creates,
      (SELECT count(*)::int FROM audit_log WHERE entity = 'opportunity' AND action = 'update' AND changes ? 'stage') AS changes,
      (SELECT count(*)::int FROM audit_log au JOIN opportunities o ON o.id = au.entity_id WHERE au.action = 'update' AND au.changes -> 'stage' ->> 'after' <> o.stage) AS mismatched`)
    expect(a.creates).toBeGreaterThan(250)
    expect(a.creates).toBeLessThan(550)
    expect(a.changes).toBeGreaterThan(a.creates / 2)
    expect(a.mismatched).toBe(0)
    const deal = await one<{ id: string; ownerId: string }>(database, `SELECT o.id, o.owner_id AS "ownerId" FROM opportunities o
      JOIN audit_log au ON au.entity_id = o.id AND au.action = 'update' LIMIT 1`)
    const admin = await one<{ id: string }>(database, `SELECT id FROM users WHERE role = 'admin'`)
    const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
    const ctx = systemContext({ userId: admin.id, role: 'admin', teamId: null })
    const history = await services.opportunities.history(ctx, deal.id)
    expect(history.items.map((i) => i.field)).toEqual(['stage', 'created'])
  })

  it('skews activities so that one customer has a deep timeline, read page by page', async () => {
    const top = await one<{ customerId: string; n: number; tasks: number; open: number; linked: number; wrongOwner: number }>(database, `SELECT
      customer_id AS "customerId", count(*)::int AS n,
      (SELECT count(*)::int FROM activities WHERE type = 'task' AND due_at IS NOT NULL) AS tasks,
      (SELECT count(*)::int FROM activities WHERE type = 'task' AND completed_at IS NULL) AS open,
      (SELECT count(*)::int FROM activities a JOIN opportunities o ON o.id = a.opportunity_id WHERE o.customer_id = a.customer_id) AS linked,
      (SELECT count(*)::int FROM activities a JOIN customers c ON c.id = a.customer_id WHERE a.owner_id IS DISTINCT FROM c.owner_id) AS "wrongOwner"
      FROM activities GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`)
    expect(top.n).toBeGreaterThan(100)
    expect(top.tasks).toBeGreaterThan(200)
    expect(top.open).toBeGreaterThan(0)
    expect(top.linked).toBeGreaterThan(300)
    expect(top.wrongOwner).toBe(0)
    const admin = await one<{ id: string }>(database, `SELECT id FROM users WHERE role = 'admin'`)
    const services = createServices(database.db, { defaultRegion: 'CN', loginMaxAttempts: 10 })
    const ctx = systemContext({ userId: admin.id, role: 'admin', teamId: null })
    const first = await services.activities.timeline(ctx, top.customerId, 50)
    expect(first.items).toHaveLength(50)
    const second = await services.activities.timeline(ctx, top.customerId, 50, first.nextCursor!)
    expect(second.items[0]!.at <= first.items[49]!.at).toBe(true)
  })
})
