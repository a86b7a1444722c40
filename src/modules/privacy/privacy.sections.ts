import { sql, type RawBuilder } from 'kysely'
import { escapeLike } from '../../lib/text'
import { personIds, type PersonScope } from './privacy.scope'

/**
 * Where Kith keeps a person's data: one section per kind of record, with the rows of that table
 * that are about the person. The export writes each section to a JSON and a CSV file; the erasure
 * reads the same definitions for the audit rows it redacts, so the two cannot drift apart.
 */
export interface Section {
  /** File name in the ZIP (without extension). */
  file: string
  table: string
  /** Unique, ordered columns: the export reads page by page after the last key. */
  key: string[]
  where: (s: PersonScope) => RawBuilder<boolean>
  /** Columns not exported: derived search text, secrets (an unsubscribe token), staff's addresses. */
  omit?: string[]
}

const NONE = '00000000-0000-0000-0000-000000000000'
export const uuids = (ids: string[]) => sql`${ids.length ? ids : [NONE]}::uuid[]`
const texts = (xs: string[]) => sql`${xs.length ? xs : ['']}::text[]`
const col = (c: string) => sql.ref(c)

const inIds = (column: string, ids: string[]) => sql<boolean>`${col(column)} = ANY(${uuids(ids)})`
const anyOf = (...conds: RawBuilder<boolean>[]) => sql<boolean>`(${sql.join(conds, sql` OR `)})`

/** Rows of a member table (list members, campaign recipients) that stand for one of the person's records. */
const memberOf = (kindCol: string, idCol: string, s: PersonScope) => anyOf(
  sql<boolean>`(${col(kindCol)} = 'customer' AND ${inIds(idCol, s.customers)})`,
  sql<boolean>`(${col(kindCol)} = 'contact' AND ${inIds(idCol, s.contacts)})`,
  sql<boolean>`(${col(kindCol)} = 'lead' AND ${inIds(idCol, s.leads)})`,
)

/** Journal rows of imports whose cells (a rejected row) carry the person's e-mail or phone. */
const cellsMention = (s: PersonScope) => {
  const patterns = [...s.emails, ...s.phones].map((t) => `%${escapeLike(t.toLowerCase())}%`)
  return sql<boolean>`(cells IS NOT NULL AND lower(cells::text) LIKE ANY(${texts(patterns)}))`
}

/** Audit rows about any of the person's rows, and the suppression rows naming his address. */
export const auditAbout = (s: PersonScope) => anyOf(
  sql<boolean>`(entity = 'customer' AND ${inIds('entity_id', s.customers)})`,
  sql<boolean>`(entity = 'contact' AND ${inIds('entity_id', s.contacts)})`,
  sql<boolean>`(entity = 'lead' AND ${inIds('entity_id', s.leads)})`,
  sql<boolean>`(entity = 'activity' AND ${inIds('entity_id', s.activities)})`,
  sql<boolean>`(entity = 'ticket' AND ${inIds('entity_id', s.tickets)})`,
  sql<boolean>`(entity = 'ticket_comment' AND entity_id IN (SELECT id FROM ticket_comments WHERE ${inIds('ticket_id', s.tickets)}))`,
  sql<boolean>`(entity = 'opportunity' AND ${inIds('entity_id', s.opportunities)})`,
  sql<boolean>`(entity = 'quote' AND ${inIds('entity_id', s.quotes)})`,
  sql<boolean>`(entity = 'order' AND ${inIds('entity_id', s.orders)})`,
  sql<boolean>`(entity = 'suppression' AND lower(changes->>'email') = ANY(${texts(s.emails)}))`,
)

export const SECTIONS: Section[] = [
  { file: 'customers', table: 'customers', key: ['id'], where: (s) => inIds('id', s.customers), omit: ['search_text'] },
  { file: 'contacts', table: 'contacts', key: ['id'], where: (s) => inIds('id', s.contacts), omit: ['search_text'] },
  { file: 'leads', table: 'leads', key: ['id'], where: (s) => inIds('id', s.leads), omit: ['search_text'] },
  { file: 'activities', table: 'activities', key: ['id'], where: (s) => inIds('id', s.activities) },
  { file: 'tickets', table: 'tickets', key: ['id'], where: (s) => inIds('id', s.tickets), omit: ['search_text'] },
  { file: 'ticket_comments', table: 'ticket_comments', key: ['id'], where: (s) => inIds('ticket_id', s.tickets) },
  { file: 'ticket_events', table: 'ticket_events', key: ['id'], where: (s) => inIds('ticket_id', s.tickets) },
  { file: 'ticket_mails', table: 'ticket_mails', key: ['id'], where: (s) => inIds('ticket_id', s.tickets) },
  { file: 'opportunities', table: 'opportunities', key: ['id'], where: (s) => inIds('id', s.opportunities), omit: ['search_text'] },
  { file: 'opportunity_lines', table: 'opportunity_lines', key: ['id'], where: (s) => inIds('opportunity_id', s.opportunities) },
  { file: 'quotes', table: 'quotes', key: ['id'], where: (s) => inIds('id', s.quotes), omit: ['search_text'] },
  { file: 'quote_lines', table: 'quote_lines', key: ['id'], where: (s) => inIds('quote_id', s.quotes) },
  { file: 'quote_sends', table: 'quote_sends', key: ['id'], where: (s) => inIds('quote_id', s.quotes) },
  { file: 'orders', table: 'orders', key: ['id'], where: (s) => inIds('id', s.orders), omit: ['search_text'] },
  { file: 'order_lines', table: 'order_lines', key: ['id'], where: (s) => inIds('order_id', s.orders) },
  {
    file: 'campaign_recipients', table: 'campaign_recipients', key: ['id'], omit: ['token'],
    where: (s) => anyOf(memberOf('member_kind', 'member_id', s), sql<boolean>`email = ANY(${texts(s.emails)})`),
  },
  { file: 'mailing_list_memberships', table: 'mailing_list_members', key: ['list_id', 'entity_id'], where: (s) => memberOf('kind', 'entity_id', s) },
  { file: 'suppressions', table: 'suppressions', key: ['email'], where: (s) => sql<boolean>`email = ANY(${texts(s.emails)})` },
  { file: 'import_rows', table: 'import_rows', key: ['import_id', 'row_number'], where: (s) => anyOf(inIds('entity_id', personIds(s)), cellsMention(s)) },
  { file: 'audit_log', table: 'audit_log', key: ['id'], where: auditAbout, omit: ['ip', 'request_id'] },
]
