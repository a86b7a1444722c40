import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'

// Amounts whose order as text is the reverse of their order as numbers ("99.00" > "478396.00" >
// "1153214.00"): the revenue report sorted its sums cast to text, listing the top agent last.
const AMOUNTS = ['1153214.00', '478396.00', '99.00'] as const

describe('reports that rank order by the number, not its text', () => {
  let t: TestApp
  let admin: AuthHeaders
  const get = (name: string, params: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ from: '2026-01-01', to: '2026-12-31', tz: 'UTC', lang: 'en', ...params })}`, headers: admin })

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    // Inserted smallest first, so an unordered or insertion-ordered answer fails too.
    for (const [i, amount] of [...AMOUNTS].reverse().entries()) {
      const owner = await insertUser(t.db, { role: 'sales', name: `Agent ${amount}` })
      const customer = await insertCustomer(t.db, { name: `Account ${amount}`, ownerId: owner.id })
      const deal = await insertOpportunity(t.db, customer.id, { ownerId: owner.id, stage: 'won', amount, closedAt: new Date(`2026-0${i + 3}-10T00:00:00Z`) })
      const product = newId()
      await sql`INSERT INTO products (id, sku, name, unit_price, currency, tax_rate) VALUES (${product}, ${`SKU-${i}`}, ${`Product ${amount}`}, ${amount}, 'CNY', 13)`.execute(t.db)
      await sql`INSERT INTO opportunity_lines (id, opportunity_id, position, product_id, description, quantity, unit_price, amount)
        VALUES (${newId()}, ${deal.id}, 1, ${product}, 'x', 1, ${amount}, ${amount})`.execute(t.db)
      await sql`INSERT INTO orders (id, number, customer_id, currency, total, status, ordered_at)
        VALUES (${newId()}, ${`SO-${i}`}, ${customer.id}, 'CNY', ${amount}, 'delivered', ${new Date(`2026-0${i + 3}-10T00:00:00Z`)})`.execute(t.db)
    }
  })
  afterAll(() => t.close())

  const cases = [
    { name: 'revenue', groupBy: 'owner', prefix: 'Agent', key: 'group', amount: 'amount' },
    { name: 'revenue', groupBy: 'customer', prefix: 'Account', key: 'group', amount: 'amount' },
    { name: 'revenue', groupBy: 'product', prefix: 'Product', key: 'group', amount: 'amount' },
    { name: 'rfm', groupBy: 'customer', prefix: 'Account', key: 'customer', amount: 'monetary' },
  ]

  it.each(cases)('$name by $groupBy: biggest first in JSON, CSV and XLSX', async ({ name, groupBy, prefix, key, amount }) => {
    const expected = AMOUNTS.map((a) => `${prefix} ${a}`)
    const body = json(await get(name, { groupBy }))
    expect(body.rows.map((r: Record<string, string>) => r[key])).toEqual(expected)
    expect(body.rows.map((r: Record<string, string>) => r[amount])).toEqual([...AMOUNTS])

    const csv = parse((await get(name, { groupBy, format: 'csv' })).body.replace(/^\uFEFF/, '')) as string[][]
    expect(csv.slice(1).map((r) => r[0])).toEqual(expected)

    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await get(name, { groupBy, format: 'xlsx' })).rawPayload as unknown as ArrayBuffer)
    const firstColumn = book.worksheets[0]!.getColumn(1).values.slice(2, 2 + expected.length)
    expect(firstColumn).toEqual(expected)
  })

  // Last: it adds rows the cases above do not expect.
  it('the top-500 cut of revenue by customer keeps the biggest customers', async () => {
    // 500 more customers at 5.00: as text "5.00" sorts above "478396.00" and "1153214.00", so a
    // text order cut those two off.
    await sql`WITH c AS (INSERT INTO customers (id, name) SELECT kith_uuid_v7(), 'Filler ' || g FROM generate_series(1, 500) g RETURNING id)
      INSERT INTO opportunities (id, name, customer_id, stage, amount, probability, closed_at)
      SELECT kith_uuid_v7(), 'Filler deal', c.id, 'won', 5.00, 100, '2026-06-01T00:00:00Z' FROM c`.execute(t.db)
    const body = json(await get('revenue', { groupBy: 'customer' }))
    expect(body.rows).toHaveLength(500)
    expect(body.rows.slice(0, 3).map((r: { group: string }) => r.group)).toEqual(AMOUNTS.map((a) => `Account ${a}`))
    expect(body.notes).toEqual(['Only the top 500 are listed (by amount), so no total is shown.'])
  })
})
