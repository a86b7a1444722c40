import JSZip from 'jszip'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'
import { insertCampaign, insertUser } from '../../test/factories'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { http } from '../../test/http'

// Test data for the privacy tests: one person spread over every table that can hold him.

export interface Person { name: string; email: string; phone: string; national: string }

/** What must be gone after an erasure: the name, the address, the phone as stored and as people write it. */
export const termsOf = (p: Person) => [p.name, p.email, p.phone, p.national]

/** Registers beforeAll/afterAll: an app of its own and a signed-in admin. */
export function privacyApp() {
  const s = { t: undefined as unknown as TestApp, api: undefined as unknown as ReturnType<typeof http>, admin: {} as AuthHeaders, adminId: '' }
  beforeAll(async () => {
    s.t = await createTestApp()
    s.api = http(s.t)
    s.adminId = (await insertUser(s.t.db, { role: 'admin' })).id
    s.admin = await sessionFor(s.t, s.adminId)
  })
  afterAll(() => s.t.close())
  return s
}

/** The rows of the person that only direct writes make (no API creates them in a test without SMTP or a send loop). */
export async function seedMarketingAndImports(db: Db, p: Person, member: { kind: 'customer' | 'contact' | 'lead'; id: string }, adminId: string) {
  const campaign = await insertCampaign(db, { name: '春季促销' })
  await db.insertInto('campaignRecipients').values({
    campaignId: campaign.id, email: p.email, name: p.name, company: 'Acme', memberKind: member.kind, memberId: member.id,
    state: 'sent', sentAt: new Date(), openedAt: new Date(), openCount: 2, clickCount: 1,
  } as never).execute()
  // Someone else in the same campaign: his row must come through untouched.
  await db.insertInto('campaignRecipients').values({ campaignId: campaign.id, email: 'other@example.com', name: 'Other', memberKind: 'lead', memberId: newId(), state: 'sent' } as never).execute()
  const listId = newId()
  await db.insertInto('mailingLists').values({ id: listId, name: 'VIP', kind: 'static' } as never).execute()
  await db.insertInto('mailingListMembers').values({ listId, entityId: member.id, kind: member.kind } as never).execute()
  const done = newId()
  await db.insertInto('imports').values({ id: done, entity: 'contacts', status: 'completed', fileName: 'contacts.csv', format: 'csv', createdBy: adminId } as never).execute()
  await db.insertInto('importRows').values([
    { importId: done, rowNumber: 2, outcome: 'updated', entity: null, entityId: member.id, before: JSON.stringify({ name: p.name, phone: p.phone }), afterVersion: 2 },
    { importId: done, rowNumber: 3, outcome: 'invalid', cells: JSON.stringify([p.name, p.email, `0${p.national}x`]), errors: JSON.stringify([{ path: 'phone', message: `"0${p.national}x" is not a phone number` }]) },
  ] as never).execute()
  // An upload analysed but not started still holds the file.
  const held = newId()
  const file = Buffer.from(`name,email,phone\n${p.name},${p.email},${p.national}\n`, 'utf8')
  await db.insertInto('imports').values({ id: held, entity: 'contacts', status: 'ready', fileName: 'more.csv', format: 'csv', size: file.length, createdBy: adminId } as never).execute()
  await db.insertInto('importChunks').values({ importId: held, seq: 0, data: file }).execute()
  return { campaignId: campaign.id, listId, heldImportId: held }
}

/** Activities, a ticket with a reply, a deal with a line, a quote and its order, a suppression — through the API, so their audit rows are real. */
export async function seedThroughApi(t: TestApp, admin: AuthHeaders, p: Person, links: { customerId: string; contactId?: string; leadId?: string }) {
  const api = http(t)
  const ok = async <T = any>(res: Awaited<ReturnType<typeof api.post>>, status = 201): Promise<T> => {
    if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`)
    return res.json() as T
  }
  const on = links.leadId ? { leadId: links.leadId } : { customerId: links.customerId, ...(links.contactId ? { contactId: links.contactId } : {}) }
  await ok(await api.post('/api/v1/activities', { type: 'call', subject: `致电 ${p.name}`, body: `她的手机 ${p.national}，邮箱 ${p.email}`, ...on }, admin))
  await ok(await api.post('/api/v1/activities', { type: 'note', subject: 'Follow-up', body: 'Prefers mornings', ...on }, admin))
  if (links.leadId) return {}
  const ticket = await ok(await api.post('/api/v1/tickets', {
    subject: `${p.name} 投诉发票`, description: `客户 ${p.name} 来电 ${p.phone}`, customerId: links.customerId, ...(links.contactId ? { contactId: links.contactId } : {}),
    contactName: p.name, contactEmail: p.email, contactPhone: p.phone,
  }, admin))
  await ok(await api.post(`/api/v1/tickets/${ticket.id}/comments`, { body: `我是${p.name}，请回电`, fromCustomer: true }, admin))
  const replied = await ok(await api.get(`/api/v1/tickets/${ticket.id}`, admin), 200)
  const resolved = await ok(await api.patch(`/api/v1/tickets/${ticket.id}`, { version: replied.version, status: 'resolved', resolution: `已给 ${p.name} 重开发票` }, admin), 200)
  expect(resolved.status).toBe('resolved')
  // The resolution mailed him a survey (a ticket_mails row with his address); his rating and words come back through it.
  await t.services.tickets.importRating(ticket.id, 4, `${p.name} 满意`, { requestId: 'privacy-test' })
  const deal = await ok(await api.post('/api/v1/opportunities', {
    name: `${p.name} 年度合同`, customerId: links.customerId, ...(links.contactId ? { contactId: links.contactId } : {}), amount: '8800.00', currency: 'CNY',
    lines: [{ description: `${p.name} 专属服务`, quantity: '2', unitPrice: '4400.00' }],
  }, admin))
  const quote = await ok(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
  await ok(await api.patch(`/api/v1/quotes/${quote.id}`, { version: quote.version, notes: `寄给 ${p.name}，${p.email}` }, admin), 200)
  const order = await ok(await api.post(`/api/v1/quotes/${quote.id}/accept`, {}, admin))
  await t.db.insertInto('quoteSends').values({ id: newId(), quoteId: quote.id, idempotencyKey: newId(), messageId: `<${newId()}@kith.localhost>`, recipients: p.email, subject: `报价 ${p.name}`, message: 'Hello', state: 'sent' } as never).execute()
  await ok(await api.post('/api/v1/suppressions', { email: p.email, detail: 'asked by phone' }, admin))
  return { ticketId: ticket.id as string, dealId: deal.id as string, quoteId: quote.id as string, orderId: order.id as string }
}

/** Every text-like column of every table, from the catalog: which tables still mention one of the terms (one query a table). */
export async function mentions(db: Db, terms: string[]): Promise<string[]> {
  const { rows: columns } = await sql<{ table: string; column: string; type: string }>`
    SELECT table_name AS "table", column_name AS "column", data_type AS "type" FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'bytea')
       AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
       -- The audit chains' SHA-256 digests: binary, never UTF-8 text, and they hold no one.
       AND NOT (data_type = 'bytea' AND column_name IN ('hash', 'prev_hash'))`.execute(db.withoutPlugins())
  expect(columns.length).toBeGreaterThan(80)
  const tables = new Map<string, typeof columns>()
  for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c])
  const hits: string[] = []
  for (const [table, cols] of tables) {
    // chr(1) between columns: no term can match across two of them.
    const text = sql.join(cols.map((c) => c.type === 'bytea' ? sql`convert_from(${sql.ref(c.column)}, 'UTF8')` : sql`${sql.ref(c.column)}::text`), sql`, `)
    const { rows } = await sql<{ term: string; n: number }>`
      SELECT t AS term, count(*)::int AS n FROM ${sql.table(table)}, unnest(${terms}::text[]) t
       WHERE position(lower(t) IN lower(concat_ws(chr(1), ${text}))) > 0 GROUP BY t`.execute(db.withoutPlugins())
    for (const r of rows) hits.push(`${table} ∋ ${r.term} (${r.n})`)
  }
  return hits
}

/** The ZIP as files: name → text. */
export async function unzip(body: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(body)
  const out: Record<string, string> = {}
  for (const [name, file] of Object.entries(zip.files)) out[name] = await file.async('string')
  return out
}
