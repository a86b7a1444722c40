import type { Db } from '../db/database'
import { newId } from '../lib/ids'
import type { Role } from '../server/context'
import { hashPassword } from '../modules/auth/passwords'

export const TEST_PASSWORD = 'correct horse battery staple'
// Hashing once keeps factories fast; every test user shares this password.
const passwordHash = hashPassword(TEST_PASSWORD)
let seq = 0
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`

export async function insertTeam(db: Db, overrides: { name?: string } = {}) {
  return db
    .insertInto('teams')
    .values({ id: newId(), name: overrides.name ?? `Team ${next()}`, createdBy: null })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertUser(db: Db, overrides: { role?: Role; teamId?: string | null; email?: string; name?: string; active?: boolean } = {}) {
  const n = next()
  return db
    .insertInto('users')
    .values({
      id: newId(),
      email: overrides.email ?? `user-${n}@example.com`,
      name: overrides.name ?? `User ${n}`,
      role: overrides.role ?? 'sales',
      teamId: overrides.teamId ?? null,
      active: overrides.active ?? true,
      locale: null,
      passwordHash: await passwordHash,
      createdBy: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertCustomer(
  db: Db,
  overrides: Partial<{ name: string; email: string | null; phone: string | null; company: string | null; ownerId: string | null; teamId: string | null; status: 'prospect' | 'active' | 'inactive'; industry: string | null; tags: string[]; deletedAt: Date | null }> = {},
) {
  return db
    .insertInto('customers')
    .values({
      id: newId(),
      name: overrides.name ?? `Customer ${next()}`,
      email: overrides.email ?? null,
      phone: overrides.phone ?? null,
      company: overrides.company ?? null,
      website: null,
      industry: overrides.industry ?? null,
      address: null,
      tags: overrides.tags ?? [],
      status: overrides.status ?? 'prospect',
      source: null,
      ownerId: overrides.ownerId ?? null,
      teamId: overrides.teamId ?? null,
      description: null,
      createdBy: null,
      deletedAt: overrides.deletedAt ?? null,
      mergedInto: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertContact(db: Db, customerId: string, overrides: Partial<{ name: string; email: string | null; phone: string | null; isPrimary: boolean }> = {}) {
  return db
    .insertInto('contacts')
    .values({
      id: newId(),
      customerId,
      name: overrides.name ?? `Contact ${next()}`,
      title: null,
      email: overrides.email ?? null,
      phone: overrides.phone ?? null,
      isPrimary: overrides.isPrimary ?? false,
      createdBy: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
