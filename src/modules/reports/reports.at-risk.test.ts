import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertActivity, insertCampaign, insertContact, insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'
import { migrateTo, migrateToLatest } from '../../db/migrate'

// A migrated CRM: 1,101 customers without any recorded activity, and the note said none had been
// silent for 90 days (a customer's creation counted as a touch). Every kind of touch is tried here
// alone, on a customer of its own.
const DAY = 86400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)

describe('customers at risk', () => {
  let t: TestApp
  let admin: AuthHeaders
  const atRisk = async (days = 90) => json(await t.app.inject({ method: 'GET', url: `/api/v1/reports/at-risk?days=${days}&lang=en`, headers: admin }))
  const customer = (name: string, createdDaysAgo = 400) => insertCustomer(t.db, { name, createdAt: ago(createdDaysAgo) })
  const order = (customerId: string, at: Date) =>
    sql`INSERT INTO orders (id, number, customer_id, currency, total, status, ordered_at) VALUES (${newId()}, ${`SO-${newId().slice(-8)}`}, ${customerId}, 'CNY', 10, 'delivered', ${at})`.execute(t.db)
  const ticket = (customerId: string, at: Date) =>
    sql`INSERT INTO tickets (id, number, type, subject, channel, priority, status, customer_id, created_at)
      VALUES (${newId()}, ${`T-${newId().slice(-8)}`}, 'inquiry', 'x', 'email', 'normal', 'open', ${customerId}, ${at})`.execute(t.db)

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  })
  afterAll(() => t.close())

  it('counts every kind of touch, and customers never touched as silent since created', async () => {
    const never = await customer('Never touched, imported 10 days ago', 10)
    await customer('Never touched, created long ago', 500)
    await order((await customer('Only an old order')).id, ago(200))
    await order((await customer('Only a recent order')).id, ago(2))
    await ticket((await customer('Only an old ticket')).id, ago(120))
    await ticket((await customer('Only a recent ticket')).id, ago(5))
    await insertActivity(t.db, { customerId: (await customer('Only an old activity')).id, createdAt: ago(95) })
    await insertActivity(t.db, { customerId: (await customer('Only a recent activity')).id, createdAt: ago(30) })
    const lost = await customer('Only a deal lost long ago')
    await insertOpportunity(t.db, lost.id, { ownerId: null, stage: 'lost', closedAt: ago(100) })
    const won = await customer('Only a deal won this week')
    await insertOpportunity(t.db, won.id, { ownerId: null, stage: 'won', closedAt: ago(3) })
    // A deal still open is no touch; winning it is one, when it happens.
    const closing = await customer('A deal open, then won today')
    const deal = await insertOpportunity(t.db, closing.id, { ownerId: null, stage: 'negotiation' })
    // A campaign e-mail to one of the customer's contacts, marked sent as the sender does.
    const mailed = await customer('A campaign e-mail sent to a contact')
    const contact = await insertContact(t.db, mailed.id, { email: 'buyer@example.com' })
    const campaign = await insertCampaign(t.db)
    await sql`INSERT INTO campaign_recipients (campaign_id, email, member_kind, member_id, state) VALUES (${campaign.id}, 'buyer@example.com', 'contact', ${contact.id}, 'pending')`.execute(t.db)
    // A quote e-mailed to the customer.
    const quoted = await customer('A quote e-mailed')
    const quoteDeal = await insertOpportunity(t.db, quoted.id, { ownerId: null })
    const quoteId = newId()
    await sql`INSERT INTO quotes (id, number, opportunity_id, customer_id, currency, valid_until) VALUES (${quoteId}, 'Q-2026-0001', ${quoteDeal.id}, ${quoted.id}, 'CNY', '2027-01-31')`.execute(t.db)
    await sql`INSERT INTO quote_sends (id, quote_id, message_id, recipients, subject, state) VALUES (${newId()}, ${quoteId}, 'm-1', 'a@example.com', 'Quote', 'sending')`.execute(t.db)

    const before = await atRisk()
    const names = (body: { rows: { customer: string }[] }) => body.rows.map((r) => r.customer)
    // The never touched first, in the order they were added (ids are time-ordered), then the oldest touch.
    expect(names(before)).toEqual([
      'Never touched, imported 10 days ago', 'Never touched, created long ago', 'A deal open, then won today', 'A campaign e-mail sent to a contact', 'A quote e-mailed',
      'Only an old order', 'Only an old ticket', 'Only a deal lost long ago', 'Only an old activity',
    ])
    const row = (name: string) => before.rows.find((r: { customer: string }) => r.customer === name)
    expect(row('Never touched, imported 10 days ago')).toMatchObject({ customerId: never.id, lastTouch: null, daysSilent: 10 })
    expect(row('Only an old order')).toMatchObject({ daysSilent: 200, lastTouch: expect.any(String) })
    expect(row('Only an old ticket').daysSilent).toBe(120)
    expect(row('Only a deal lost long ago').daysSilent).toBe(100)

    await sql`UPDATE opportunities SET stage = 'won', closed_at = now() WHERE id = ${deal.id}`.execute(t.db)
    await sql`UPDATE campaign_recipients SET state = 'sent', sent_at = now() WHERE member_id = ${contact.id}`.execute(t.db)
    await sql`UPDATE quote_sends SET state = 'sent', sent_at = now() WHERE quote_id = ${quoteId}`.execute(t.db)
    const after = await atRisk()
    expect(names(after)).toEqual(['Never touched, imported 10 days ago', 'Never touched, created long ago', 'Only an old order', 'Only an old ticket', 'Only a deal lost long ago', 'Only an old activity'])
    expect(after.notes).toEqual(['6 customers have had no touch (activity, e-mail, order, ticket, deal won or lost) for 90 days, 2 of them none ever; the 6 silent longest are listed.'])
  })

  // Last: it takes the schema back to before the touches migration (and the later ones) and up again.
  it('upgrading recomputes the last touches already there from every kind', async () => {
    expect((await migrateTo(t.db, '2026_12_06_0400_expression_statistics')).at(-1)).toBe('Down 2026_12_07_0100_touches_of_every_kind')
    const untouched = await customer('Before the upgrade, never touched', 50)
    const ticketed = await customer('Before the upgrade, a ticket 100 days ago', 300)
    await ticket(ticketed.id, ago(100))
    const ordered = await customer('Before the upgrade, an order 20 days ago', 300)
    await order(ordered.id, ago(20))
    expect((await migrateToLatest(t.db))[0]).toBe('Up 2026_12_07_0100_touches_of_every_kind')
    const last = async (id: string) => (await sql<{ at: Date | null }>`SELECT last_at AS at FROM customer_touches WHERE customer_id = ${id}`.execute(t.db)).rows[0]!.at
    expect(await last(untouched.id)).toBeNull()
    expect(Math.round((Date.now() - (await last(ticketed.id))!.getTime()) / DAY)).toBe(100)
    expect(Math.round((Date.now() - (await last(ordered.id))!.getTime()) / DAY)).toBe(20)
    const names = (await atRisk()).rows.map((r: { customer: string }) => r.customer)
    expect(names).toEqual(expect.arrayContaining(['Before the upgrade, never touched', 'Before the upgrade, a ticket 100 days ago']))
    expect(names).not.toContain('Before the upgrade, an order 20 days ago')
  })
})
