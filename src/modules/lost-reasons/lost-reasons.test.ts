import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownMigrations, migrateTo, migrateToLatest } from '../../db/migrate'
import { newId } from '../../lib/ids'
import { insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'

let t: TestApp
let admin: AuthHeaders
let sales: AuthHeaders
let salesId: string

beforeAll(async () => {
  t = await createTestApp()
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  salesId = (await insertUser(t.db, { role: 'sales' })).id
  sales = await sessionFor(t, salesId)
})
afterAll(() => t.close())

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
type Reason = { id: string; key: string | null; labelZh: string; labelEn: string; position: number; active: boolean; requiresNote: boolean; version: number }
const reasons = async (q = '') => json(await call('GET', `/api/v1/lost-reasons${q}`, sales)).items as Reason[]
const byKey = async (key: string) => (await reasons()).find((r) => r.key === key)!

async function openDeal() {
  const c = await insertCustomer(t.db, { ownerId: salesId })
  return json(await call('POST', '/api/v1/opportunities', sales, { name: `Deal ${newId().slice(-6)}`, customerId: c.id, amount: '1000.00' }))
}
const lose = (deal: { id: string; version: number }, body: object) => call('PATCH', `/api/v1/opportunities/${deal.id}`, sales, { version: deal.version, stage: 'lost', ...body })

describe('lost reasons: the admin\'s bilingual list', () => {
  it('comes with the default list, in order, "other" asking for a note', async () => {
    const list = await reasons()
    expect(list.map((r) => [r.labelZh, r.labelEn])).toEqual([
      ['预算', 'Budget'], ['价格', 'Price'], ['选择了竞争对手', 'Chose a competitor'], ['时机', 'Timing'], ['无回应', 'No response'], ['需求不符', 'Not a fit'], ['其他', 'Other'],
    ])
    expect(list.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(list.filter((r) => r.requiresNote).map((r) => r.key)).toEqual(['other'])
  })

  it('the admin adds, relabels, reorders and deactivates; stale versions get 409; every change is audited', async () => {
    expectProblem(await call('POST', '/api/v1/lost-reasons', sales, { labelZh: '内部政治', labelEn: 'Internal politics' }), 403)
    expectProblem(await call('POST', '/api/v1/lost-reasons', admin, { labelZh: '预算', labelEn: 'Budget cut' }), 400, ['labelZh'])
    const added = await call('POST', '/api/v1/lost-reasons', admin, { labelZh: '内部政治', labelEn: 'Internal politics', position: 2 })
    expect(added.statusCode).toBe(201)
    const politics = json(added) as Reason
    expect((await reasons()).map((r) => r.labelEn).slice(0, 3)).toEqual(['Budget', 'Internal politics', 'Price'])

    const renamed = json(await call('PATCH', `/api/v1/lost-reasons/${politics.id}`, admin, { version: politics.version, labelEn: 'Internal decision', position: 7 }))
    expect(renamed).toMatchObject({ labelEn: 'Internal decision', position: 7, version: politics.version + 1 })
    const stale = await call('PATCH', `/api/v1/lost-reasons/${politics.id}`, admin, { version: politics.version, active: false })
    expectProblem(stale, 409)
    expect(json(stale).current).toMatchObject({ labelEn: 'Internal decision' })
    const off = json(await call('PATCH', `/api/v1/lost-reasons/${politics.id}`, admin, { version: renamed.version, active: false }))
    expect(off.active).toBe(false)
    expect((await reasons('?active=true')).map((r) => r.id)).not.toContain(politics.id)
    expectProblem(await call('PATCH', `/api/v1/lost-reasons/${(await byKey('other')).id}`, admin, { version: 1, active: false }), 400, ['active'])

    const audit = await sql<{ action: string; changes: unknown }>`SELECT action, changes FROM audit_log WHERE entity = 'lost_reason' AND entity_id = ${politics.id} ORDER BY at, id`.execute(t.db)
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update', 'update'])
  })
})

describe('losing a deal', () => {
  it('takes a reason from the list, and "other" only with a note', async () => {
    const price = await byKey('price')
    const other = await byKey('other')
    const a = await openDeal()
    expectProblem(await lose(a, {}), 400, ['lostReasonId'])
    const lost = json(await lose(a, { lostReasonId: price.id }))
    expect(lost).toMatchObject({ lostReasonId: price.id, lostNote: null, lostReason: 'Price' })

    const b = await openDeal()
    expectProblem(await lose(b, { lostReasonId: other.id }), 400, ['lostNote'])
    expect(json(await lose(b, { lostReasonId: other.id, lostNote: '客户被收购，采购冻结' }))).toMatchObject({ lostReasonId: other.id, lostNote: '客户被收购，采购冻结' })

    const c = await openDeal()
    expectProblem(await lose(c, { lostReasonId: newId() }), 400, ['lostReasonId'])
    // An open deal has no lost reason.
    expectProblem(await call('PATCH', `/api/v1/opportunities/${c.id}`, sales, { version: c.version, lostReasonId: price.id }), 400, ['lostReasonId'])
  })

  it('keeps API clients that send free text working: a label picks its reason, anything else is "other" with the text as the note', async () => {
    const a = await openDeal()
    expect(json(await lose(a, { lostReason: ' budget ' }))).toMatchObject({ lostReasonId: (await byKey('budget')).id, lostNote: null })
    const b = await openDeal()
    expect(json(await lose(b, { lostReason: '选择了竞争对手' }))).toMatchObject({ lostReasonId: (await byKey('competitor')).id })
    const c = await openDeal()
    expect(json(await lose(c, { lostReason: 'Budget frozen until Q3' }))).toMatchObject({ lostReasonId: (await byKey('other')).id, lostNote: 'Budget frozen until Q3', lostReason: 'Budget frozen until Q3' })
    // Reopening clears both.
    const lost = json(await call('GET', `/api/v1/opportunities/${c.id}`, sales))
    expect(json(await call('PATCH', `/api/v1/opportunities/${c.id}`, sales, { version: lost.version, stage: 'qualification' }))).toMatchObject({ lostReasonId: null, lostNote: null, lostReason: null })
  })
})

describe('the lost-reasons report', () => {
  it('groups by reason, labelled in the caller\'s language; each row drills down to its deals', async () => {
    const zh = json(await call('GET', '/api/v1/reports/lost-reasons?range=all&lang=zh-CN', admin))
    const en = json(await call('GET', '/api/v1/reports/lost-reasons?range=all&lang=en', admin))
    const labels = (body: { rows: { reason: string }[] }) => body.rows.map((r) => r.reason).sort()
    expect(labels(en)).toEqual(expect.arrayContaining(['Budget', 'Chose a competitor', 'Other', 'Price']))
    expect(new Set(labels(en)).size).toBe(en.rows.length)
    const otherRow = en.rows.find((r: { reason: string }) => r.reason === 'Other')
    expect(otherRow.drill.filters.lostReasonId).toBe((await byKey('other')).id)
    const drilled = json(await call('GET', `/api/v1/opportunities?${new URLSearchParams(otherRow.drill.filters)}&limit=200`, admin))
    expect(drilled.items).toHaveLength(otherRow.count)
    // (The free-text deal of the test before was reopened.)
    expect(drilled.items.map((d: { lostNote: string }) => d.lostNote)).toEqual(['客户被收购，采购冻结'])
    expect(labels(zh)).toEqual(expect.arrayContaining(['预算', '选择了竞争对手', '其他', '价格']))
  })
})

describe('upgrading from free-text reasons', () => {
  // Last: it takes the schema back to before the lost reasons and up again.
  it('maps texts by the keyword table where clear, else to "other"; every text stays as the note', async () => {
    const known = knownMigrations()
    expect((await migrateTo(t.db, known[known.indexOf('2026_12_09_0310_lost_reasons') - 1]!)).at(-1)).toBe('Down 2026_12_09_0310_lost_reasons')
    const customer = await insertCustomer(t.db, {})
    const texts = ['Budget frozen', '项目暂停', '预算被砍，项目延期', '价格太高', 'Went with a competitor', '联系不上客户', '功能不满足需求', '老板不喜欢', '  ']
    const ids: Record<string, string> = {}
    for (const text of texts) {
      const id = newId()
      ids[text] = id
      await sql`INSERT INTO opportunities (id, name, customer_id, stage, amount, currency, probability, lost_reason, closed_at)
                VALUES (${id}, ${text}, ${customer.id}, 'lost', 100, 'CNY', 0, ${text}, now())`.execute(t.db)
    }
    expect((await migrateToLatest(t.db))[0]).toBe('Up 2026_12_09_0310_lost_reasons')
    const { rows } = await sql<{ id: string; key: string | null; note: string | null }>`
      SELECT o.id, r.key, o.lost_reason AS note FROM opportunities o LEFT JOIN lost_reasons r ON r.id = o.lost_reason_id WHERE o.id IN (${sql.join(Object.values(ids))})`.execute(t.db)
    const got = Object.fromEntries(texts.map((text) => [text, rows.find((r) => r.id === ids[text])!]))
    expect(Object.fromEntries(texts.map((text) => [text, got[text]!.key]))).toEqual({
      'Budget frozen': 'budget', '项目暂停': 'timing', '预算被砍，项目延期': 'budget', '价格太高': 'price', 'Went with a competitor': 'competitor',
      '联系不上客户': 'no_response', '功能不满足需求': 'not_a_fit', '老板不喜欢': 'other', '  ': 'other',
    })
    for (const text of texts) expect(got[text]!.note).toBe(text)
  })
})
