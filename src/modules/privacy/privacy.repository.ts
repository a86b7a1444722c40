import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { PrivacyKind } from './privacy.schema'

/** Reads of a privacy request: the person's records and the ids of the rows hanging off them. */

const none = ['00000000-0000-0000-0000-000000000000']
const orNone = (ids: string[]) => (ids.length ? ids : none)
const pluck = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id)

export async function findSubject(db: Executor, kind: PrivacyKind, id: string, lock: boolean) {
  const base = kind === 'customer'
    ? db.selectFrom('customers').select(['id', 'name', 'version', 'ownerId', 'teamId', 'type']).where('id', '=', id).where('mergedInto', 'is', null)
    : kind === 'lead'
      ? db.selectFrom('leads').select(['id', 'name', 'version', 'ownerId', 'teamId', sql<string>`'person'`.as('type')]).where('id', '=', id)
      // A contact's ownership is its customer's.
      : db.selectFrom('contacts as t').innerJoin('customers as c', 'c.id', 't.customerId')
        .select(['t.id', 't.name', 't.version', 'c.ownerId', 'c.teamId', sql<string>`'person'`.as('type')]).where('t.id', '=', id)
  return (lock ? base.forUpdate() : base).executeTakeFirst()
}

/** Duplicates merged into this customer: soft-deleted rows that still hold the person's details. */
export const mergedInto = (db: Executor, customerId: string) =>
  pluck(db.selectFrom('customers').select('id').where('mergedInto', '=', customerId).execute())

export const contactIdsOf = (db: Executor, customers: string[]) =>
  pluck(db.selectFrom('contacts').select('id').where('customerId', 'in', orNone(customers)).execute())

/** Name, e-mail and phone of every record of the person. */
export async function peopleOf(db: Executor, s: { customers: string[]; contacts: string[]; leads: string[] }) {
  const { rows } = await sql<{ table: string; id: string; name: string; email: string | null; phone: string | null }>`
    SELECT 'customers' AS "table", id, name, email, phone FROM customers WHERE id = ANY(${orNone(s.customers)}::uuid[])
    UNION ALL SELECT 'contacts', id, name, email, phone FROM contacts WHERE id = ANY(${orNone(s.contacts)}::uuid[])
    UNION ALL SELECT 'leads', id, name, email, phone FROM leads WHERE id = ANY(${orNone(s.leads)}::uuid[])`.execute(db)
  return rows
}

/** Tickets of the person's records, and those filed from his address without a record (the public form). */
export const ticketIdsOf = (db: Executor, s: { customers: string[]; contacts: string[]; emails: string[] }) =>
  pluck(db.selectFrom('tickets').select('id').where((eb) => eb.or([
    eb('customerId', 'in', orNone(s.customers)),
    eb('contactId', 'in', orNone(s.contacts)),
    eb(sql`lower(contact_email)`, 'in', s.emails.length ? s.emails : ['']),
  ])).execute())

export const ticketContactsOf = (db: Executor, tickets: string[]) =>
  db.selectFrom('tickets').select(['contactEmail as email']).where('id', 'in', orNone(tickets)).execute()

export const opportunityIdsOf = (db: Executor, s: { customers: string[]; contacts: string[]; leads: string[] }) =>
  pluck(db.selectFrom('opportunities').select('id').where((eb) => eb.or([
    eb('customerId', 'in', orNone(s.customers)), eb('contactId', 'in', orNone(s.contacts)), eb('leadId', 'in', orNone(s.leads)),
  ])).execute())

export const quoteIdsOf = (db: Executor, s: { customers: string[]; contacts: string[]; opportunities: string[] }) =>
  pluck(db.selectFrom('quotes').select('id').where((eb) => eb.or([
    eb('customerId', 'in', orNone(s.customers)), eb('contactId', 'in', orNone(s.contacts)), eb('opportunityId', 'in', orNone(s.opportunities)),
  ])).execute())

export const orderIdsOf = (db: Executor, s: { customers: string[]; contacts: string[]; opportunities: string[]; quotes: string[] }) =>
  pluck(db.selectFrom('orders').select('id').where((eb) => eb.or([
    eb('customerId', 'in', orNone(s.customers)), eb('contactId', 'in', orNone(s.contacts)),
    eb('opportunityId', 'in', orNone(s.opportunities)), eb('quoteId', 'in', orNone(s.quotes)),
  ])).execute())

export const activityIdsOf = (db: Executor, s: { customers: string[]; contacts: string[]; leads: string[]; tickets: string[] }) =>
  pluck(db.selectFrom('activities').select('id').where((eb) => eb.or([
    eb('customerId', 'in', orNone(s.customers)), eb('contactId', 'in', orNone(s.contacts)),
    eb('leadId', 'in', orNone(s.leads)), eb('ticketId', 'in', orNone(s.tickets)),
  ])).execute())
