import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { Executor } from '../../db/database'
import { AppError } from '../../server/errors'
import * as repo from './privacy.repository'
import type { PrivacyKind } from './privacy.schema'

/** The record a privacy request is about, as the request names it, with what it is version-checked by. */
export interface Subject {
  kind: PrivacyKind
  id: string
  name: string
  version: number
  ownerId: string | null
  teamId: string | null
}

/**
 * Every row Kith holds about one person, as ids: the person's own records (a person-customer's
 * contacts are his own entries, so they come along) and the rows that hang off them. It is the
 * person's data, not a table's, so it is small enough to hold; the rows themselves are read page
 * by page (export) or changed set-wise (erasure).
 */
export interface PersonScope {
  customers: string[]
  contacts: string[]
  leads: string[]
  activities: string[]
  tickets: string[]
  opportunities: string[]
  quotes: string[]
  orders: string[]
  /** Lower-cased addresses of the person's records, and of tickets filed under them. */
  emails: string[]
  /** Stored (E.164) phones, and their national digits as text holds them. */
  phones: string[]
  names: string[]
}

const notFound = { customer: 'CUSTOMER_NOT_FOUND', contact: 'CONTACT_NOT_FOUND', lead: 'LEAD_NOT_FOUND' } as const

export async function loadSubject(db: Executor, kind: PrivacyKind, id: string, lock = false): Promise<Subject> {
  const row = await repo.findSubject(db, kind, id, lock)
  if (!row) throw new AppError(notFound[kind])
  if (kind === 'customer' && row.type !== 'person') {
    throw new AppError('NOT_A_PERSON', 'This customer is a company: export or erase the people at it (its contacts) instead')
  }
  return { kind, id: row.id, name: row.name, version: row.version, ownerId: row.ownerId, teamId: row.teamId }
}

const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x && x.trim() !== ''))]

/** The phone as stored and the national digits (138…) that notes and imported cells write. */
function phoneForms(stored: string): string[] {
  const parsed = parsePhoneNumberFromString(stored.split(';')[0]!)
  return parsed ? [stored, parsed.number, parsed.nationalNumber] : [stored]
}

/** Opens a raw row's encrypted columns (EncryptionService.openStored). */
export type OpenStored = (table: string, row: Record<string, unknown>) => Promise<Record<string, unknown>>

export async function collectScope(db: Executor, subject: Subject, openStored?: OpenStored): Promise<PersonScope> {
  const customers = subject.kind === 'customer' ? [subject.id, ...(await repo.mergedInto(db, subject.id))] : []
  const contacts = subject.kind === 'contact' ? [subject.id] : await repo.contactIdsOf(db, customers)
  const leads = subject.kind === 'lead' ? [subject.id] : []
  const stored = await repo.peopleOf(db, { customers, contacts, leads })
  // A sealed e-mail or phone is opened: tickets, uploads and notes are searched for the person's real address.
  const people = openStored ? ((await Promise.all(stored.map((p) => openStored(p.table, p)))) as typeof stored) : stored
  const emails = uniq(people.map((p) => p.email?.trim().toLowerCase()))
  const tickets = await repo.ticketIdsOf(db, { customers, contacts, emails })
  const ticketEmails = uniq((await repo.ticketContactsOf(db, tickets)).map((t) => t.email?.trim().toLowerCase()))
  const opportunities = await repo.opportunityIdsOf(db, { customers, contacts, leads })
  const quotes = await repo.quoteIdsOf(db, { customers, contacts, opportunities })
  return {
    customers,
    contacts,
    leads,
    activities: await repo.activityIdsOf(db, { customers, contacts, leads, tickets }),
    tickets,
    opportunities,
    quotes,
    orders: await repo.orderIdsOf(db, { customers, contacts, opportunities, quotes }),
    emails: uniq([...emails, ...ticketEmails]),
    phones: uniq(people.flatMap((p) => (p.phone ? phoneForms(p.phone) : []))),
    names: uniq(people.map((p) => p.name)),
  }
}

/** Every id of the person's own records: what import journal rows and list memberships point at. */
export const personIds = (s: PersonScope) => [...s.customers, ...s.contacts, ...s.leads]
