import { LOST_REASON_KEYWORDS } from '../db/migrations/2026_12_09_0310_lost_reasons'
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
  overrides: Partial<{ name: string; email: string | null; phone: string | null; company: string | null; ownerId: string | null; teamId: string | null; status: 'prospect' | 'active' | 'inactive'; industry: string | null; tags: string[]; deletedAt: Date | null; createdAt: Date }> = {},
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
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
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

/** A deal in a stage (default: qualification), owned like the customer unless told; teamId follows the owner. */
/** The key of the default reason a lost deal's text maps to, as the upgrade maps it (the migration's keyword table). */
export function lostReasonKeyOf(text: string | null | undefined): string | null {
  if (!text?.trim()) return null
  return LOST_REASON_KEYWORDS.find((k) => new RegExp(k.pattern, 'i').test(text))?.key ?? 'other'
}

const lostReasonIdOf = async (db: Db, key: string | null) =>
  key ? ((await db.selectFrom('lostReasons').select('id').where('key', '=', key).executeTakeFirst())?.id ?? null) : null

export async function insertOpportunity(
  db: Db,
  customerId: string,
  overrides: Partial<{ name: string; contactId: string | null; ownerId: string | null; teamId: string | null; stage: string; amount: string; currency: string; probability: number; expectedCloseDate: string | null; lostReason: string | null; lostReasonKey: string | null; closedAt: Date | null; deletedAt: Date | null; createdAt: Date }> = {},
) {
  let ownerId = overrides.ownerId
  let teamId = overrides.teamId
  if (ownerId === undefined) {
    const customer = await db.selectFrom('customers').select(['ownerId', 'teamId']).where('id', '=', customerId).executeTakeFirstOrThrow()
    ownerId = customer.ownerId
    teamId ??= customer.teamId
  }
  if (teamId === undefined) {
    teamId = ownerId ? ((await db.selectFrom('users').select('teamId').where('id', '=', ownerId).executeTakeFirst())?.teamId ?? null) : null
  }
  return db
    .insertInto('opportunities')
    .values({
      id: newId(),
      name: overrides.name ?? `Deal ${next()}`,
      customerId,
      contactId: overrides.contactId ?? null,
      ownerId,
      teamId,
      stage: overrides.stage ?? 'qualification',
      amount: overrides.amount ?? '0',
      currency: overrides.currency ?? 'CNY',
      probability: overrides.probability ?? 10,
      expectedCloseDate: overrides.expectedCloseDate ?? null,
      lostReason: overrides.lostReason ?? null,
      lostReasonId: await lostReasonIdOf(db, overrides.lostReasonKey !== undefined ? overrides.lostReasonKey : lostReasonKeyOf(overrides.lostReason)),
      campaignId: null,
      leadId: null,
      closedAt: overrides.closedAt ?? null,
      createdBy: null,
      deletedAt: overrides.deletedAt ?? null,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertLead(
  db: Db,
  overrides: Partial<{ name: string; company: string | null; email: string | null; phone: string | null; source: string | null; campaignId: string | null; status: 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted'; score: number; ownerId: string | null; teamId: string | null; deletedAt: Date | null; createdAt: Date }> = {},
) {
  let teamId = overrides.teamId
  if (teamId === undefined && overrides.ownerId) {
    teamId = (await db.selectFrom('users').select('teamId').where('id', '=', overrides.ownerId).executeTakeFirst())?.teamId ?? null
  }
  return db
    .insertInto('leads')
    .values({
      id: newId(),
      name: overrides.name ?? `Lead ${next()}`,
      company: overrides.company ?? null,
      title: null,
      email: overrides.email ?? null,
      phone: overrides.phone ?? null,
      source: overrides.source ?? null,
      campaignId: overrides.campaignId ?? null,
      status: overrides.status ?? 'new',
      score: overrides.score ?? 0,
      ownerId: overrides.ownerId ?? null,
      teamId: teamId ?? null,
      description: null,
      convertedAt: null,
      convertedCustomerId: null,
      convertedContactId: null,
      convertedOpportunityId: null,
      createdBy: null,
      deletedAt: overrides.deletedAt ?? null,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertActivity(
  db: Db,
  overrides: Partial<{ type: 'call' | 'email' | 'meeting' | 'note' | 'task'; subject: string; dueAt: Date | null; completedAt: Date | null; customerId: string | null; contactId: string | null; leadId: string | null; opportunityId: string | null; ownerId: string | null; teamId: string | null; createdAt: Date; deletedAt: Date | null }> = {},
) {
  let teamId = overrides.teamId
  if (teamId === undefined && overrides.ownerId) {
    teamId = (await db.selectFrom('users').select('teamId').where('id', '=', overrides.ownerId).executeTakeFirst())?.teamId ?? null
  }
  return db
    .insertInto('activities')
    .values({
      id: newId(),
      type: overrides.type ?? 'note',
      subject: overrides.subject ?? `Activity ${next()}`,
      body: null,
      dueAt: overrides.dueAt ?? null,
      completedAt: overrides.completedAt ?? null,
      customerId: overrides.customerId ?? null,
      contactId: overrides.contactId ?? null,
      leadId: overrides.leadId ?? null,
      opportunityId: overrides.opportunityId ?? null,
      ticketId: null,
      ownerId: overrides.ownerId ?? null,
      teamId: teamId ?? null,
      createdBy: null,
      deletedAt: overrides.deletedAt ?? null,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function insertCampaign(db: Db, overrides: Partial<{ name: string; deletedAt: Date | null }> = {}) {
  return db
    .insertInto('campaigns')
    .values({ id: newId(), name: overrides.name ?? `Campaign ${next()}`, ...(overrides.deletedAt ? { deletedAt: overrides.deletedAt } : {}) })
    .returningAll()
    .executeTakeFirstOrThrow()
}
