import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestDatabase } from '../test/test-db'
import { migrateDown, migrateToLatest } from './migrate'
import type { Database } from './database'
import { newId } from '../lib/ids'

let database: Database

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.close())

const tables = async () =>
  (
    await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE 'kith_migrations%' ORDER BY 1`.execute(database.db)
  ).rows.map((r) => r.name)

describe('migrations', () => {
  it('latest is a no-op on a migrated database, then go down all the way and up again; the schema works', async () => {
    const db = database.db
    expect(await migrateToLatest(db)).toEqual([])
    const migrated = await tables()
    expect(migrated).toEqual(expect.arrayContaining(['customers', 'contacts', 'users', 'teams', 'sessions', 'api_tokens', 'audit_log', 'settings', 'login_attempts']))

    const downs: string[] = []
    for (let i = 0; i < 100; i++) {
      const step = await migrateDown(db)
      if (step.length === 0) break
      expect(step).toHaveLength(1)
      expect(step[0]).toMatch(/^Down /)
      downs.push(step[0]!)
    }
    expect(downs.length).toBeGreaterThan(0)
    expect(await tables()).toEqual([])

    const ups = await migrateToLatest(db)
    expect(ups).toHaveLength(downs.length)
    expect(ups.every((u) => u.startsWith('Up '))).toBe(true)
    expect(await tables()).toEqual(migrated)

    const userId = newId()
    await db.insertInto('users').values({ id: userId, email: 'again@example.com', role: 'sales', passwordHash: 'x', locale: null, teamId: null, createdBy: null }).execute()
    const customer = await db
      .insertInto('customers')
      .values({ id: newId(), name: 'After the round trip', phone: '+8613812345678', ownerId: userId, createdBy: userId, address: null, tags: ['back'], email: null, company: 'Round Trip Ltd', website: null, industry: null, source: null, teamId: null, description: null, deletedAt: null, mergedInto: null })
      .returning(['id', 'searchText', 'version', 'status'])
      .executeTakeFirstOrThrow()
    expect(customer).toMatchObject({ version: 1, status: 'prospect', searchText: 'after the round trip round trip ltd  8613812345678' })
    await db.insertInto('contacts').values({ id: newId(), customerId: customer.id, name: 'Primary', isPrimary: true, title: null, email: null, phone: null, createdBy: null }).execute()
    // The one-primary-contact index came back with the rest.
    await expect(
      db.insertInto('contacts').values({ id: newId(), customerId: customer.id, name: 'Second primary', isPrimary: true, title: null, email: null, phone: null, createdBy: null }).execute(),
    ).rejects.toThrow(/contacts_one_primary/)
    const found = await sql<{ id: string }>`SELECT id FROM customers WHERE search_text %> 'rund trip'`.execute(db)
    expect(found.rows.map((r) => r.id)).toEqual([customer.id])
  })
})
