import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely'
import { countByCustomer as countLive } from '../../db/count-by-customer'
import type { Executor } from '../../db/database'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { scopeCondition } from '../../db/scope'
import { blindMatch, byRelevance, matchArms, rankedCandidates, textMatch, type BlindTerm } from '../../db/text-search'
import type { Scope } from '../../server/permissions'
import type { ContactsTable } from './contacts.table'

const columns = [
  'p.id', 'p.customerId', 'p.name', 'p.title', 'p.email', 'p.phone', 'p.isPrimary',
  'p.createdAt', 'p.updatedAt', 'p.createdBy', 'p.version', 'p.deletedAt',
] as const

/** A contact is visible through its customer, so every read joins it for name and ownership. */
const base = (db: Executor) =>
  db
    .selectFrom('contacts as p')
    .innerJoin('customers as c', 'c.id', 'p.customerId')
    .select(columns)
    .select(['c.name as customerName', 'c.ownerId', 'c.teamId', 'c.deletedAt as customerDeletedAt'])

export const findContactById = (db: Executor, id: string) => base(db).where('p.id', '=', id).executeTakeFirst()

export const lockContact = (db: Executor, id: string) => base(db).where('p.id', '=', id).forUpdate('p').executeTakeFirst()

export const insertContact = (db: Executor, row: Insertable<ContactsTable>) =>
  db.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow()

export const updateContact = (db: Executor, id: string, patch: Updateable<ContactsTable>) =>
  db
    .updateTable('contacts')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

/** Only one primary contact per customer (a unique index backs this up). */
export const clearPrimary = (db: Executor, customerId: string, exceptId: string) =>
  db
    .updateTable('contacts')
    .set({ isPrimary: false, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('customerId', '=', customerId)
    .where('isPrimary', '=', true)
    .where('id', '!=', exceptId)
    .where('deletedAt', 'is', null)
    .execute()

export const purgeContact = (db: Executor, id: string) => db.deleteFrom('contacts').where('id', '=', id).execute()

export const purgeContactsOfCustomer = (db: Executor, customerId: string) =>
  db.deleteFrom('contacts').where('customerId', '=', customerId).execute()

/** Moves a merged customer's contacts; the survivor keeps its own primary contact. */
export async function moveContacts(db: Executor, fromId: string, toId: string): Promise<number> {
  const targetHasPrimary = await db
    .selectFrom('contacts')
    .select('id')
    .where('customerId', '=', toId)
    .where('isPrimary', '=', true)
    .where('deletedAt', 'is', null)
    .executeTakeFirst()
  const result = await db
    .updateTable('contacts')
    .set({
      customerId: toId,
      ...(targetHasPrimary ? { isPrimary: false } : {}),
      updatedAt: sql`now()`,
      version: sql`version + 1`,
    })
    .where('customerId', '=', fromId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export interface ContactFilter {
  scope: Scope
  deleted: boolean
  customerId?: string
  q?: string
  /** The term's blind indexes, when e-mail or phone is encrypted. */
  blind?: BlindTerm | null
  keyset: Keyset
  limit: number
}

export async function listContacts(db: Executor, f: ContactFilter) {
  let q = base(db).where('c.deletedAt', 'is', null)
  q = f.deleted ? q.where('p.deletedAt', 'is not', null) : q.where('p.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'c')
  if (scope) q = q.where(scope)
  if (f.customerId) q = q.where('p.customerId', '=', f.customerId)
  if (f.q) q = q.where(textMatch('p.search_text', f.q, 'contacts', f.blind))
  const after = afterCondition(f.keyset, 'p.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'p.id')).limit(f.limit + 1).execute()
}

/** Best matches first, the way searchCustomers ranks them (capped candidates, fuzzy only when needed). */
export async function searchContacts(db: Executor, f: { scope: Scope; q: string; blind?: BlindTerm | null; limit: number }) {
  const arm = (match: RawBuilder<boolean>) => {
    let q = base(db).clearSelect().select('p.id').where('p.deletedAt', 'is', null).where('c.deletedAt', 'is', null)
    const scope = scopeCondition(f.scope, 'c', { asFilter: true })
    if (scope) q = q.where(scope)
    return q.where(match).limit(rankedCandidates(f.limit))
  }
  const { substring, fuzzy } = matchArms('p.search_text', f.q, 'contacts', f.blind)
  const q = !fuzzy
    ? base(db).where('p.id', 'in', db.selectFrom(arm(substring!).as('s')).select('s.id'))
    : substring
    ? db
        .with('exact', () => arm(substring))
        .selectFrom('contacts as p')
        .innerJoin('customers as c', 'c.id', 'p.customerId')
        .select(columns)
        .select(['c.name as customerName', 'c.ownerId', 'c.teamId', 'c.deletedAt as customerDeletedAt'])
        .where('p.id', 'in', (eb) =>
          eb.selectFrom('exact').select('exact.id').union(
            eb.selectFrom(arm(fuzzy).where(sql<boolean>`(SELECT count(*) FROM exact) < ${f.limit}`).as('f')).select('f.id'),
          ),
        )
    : base(db).where('p.id', 'in', db.selectFrom(arm(fuzzy).as('f')).select('f.id'))
  return q.orderBy(byRelevance('p.search_text', f.q, 'contacts')).orderBy('p.id').limit(f.limit).execute()
}

export const hasPrimary = async (db: Executor, customerId: string) =>
  (await db
    .selectFrom('contacts')
    .select('id')
    .where('customerId', '=', customerId)
    .where('isPrimary', '=', true)
    .where('deletedAt', 'is', null)
    .executeTakeFirst()) !== undefined

/** Visible contacts (through their customer) with this e-mail (lower-cased) or phone (E.164); index lookups. */
/**
 * Live contacts the scope sees that match a duplicate probe (normalised: name and e-mail trimmed and
 * lower-cased, phone E.164) on e-mail or phone anywhere, or on name at the same customer (a name
 * alone is no evidence across customers: there are many 张伟). Each arm is an index look-up
 * (lower(email), phone, customer_id). The one place duplicate look-ups of contacts are made: an
 * encrypted e-mail or phone with a blind index changes only these arms.
 */
export function findDuplicateCandidates(
  db: Executor,
  f: { scope: Scope; name?: string | null; customerId?: string | null; email?: string | null; phone?: string | null; emailBidx?: string; phoneBidx?: string; exceptId?: string; limit: number },
) {
  let q = base(db).where('p.deletedAt', 'is', null).where('c.deletedAt', 'is', null)
  const scope = scopeCondition(f.scope, 'c')
  if (scope) q = q.where(scope)
  if (f.exceptId) q = q.where('p.id', '!=', f.exceptId)
  return q
    .where((eb) => {
      const arms = []
      if (f.email) arms.push(eb(sql`lower(p.email)`, '=', f.email))
      if (f.phone) arms.push(eb('p.phone', '=', f.phone))
      if (f.name && f.customerId) arms.push(eb.and([eb('p.customerId', '=', f.customerId), eb(sql`lower(p.name)`, '=', f.name)]))
      if (f.emailBidx || f.phoneBidx) arms.push(blindMatch('p.', { email: f.emailBidx ? [f.emailBidx] : [], phone: f.phoneBidx ? [f.phoneBidx] : [], tails: [] }))
      return arms.length ? eb.or(arms) : sql<boolean>`false`
    })
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(f.limit)
    .execute()
}

/** Live contacts per customer (duplicate candidates, the merge dialog). */
export const countByCustomer = (db: Executor, customerIds: string[]) => countLive(db, 'contacts', customerIds)

export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContactById>>>
