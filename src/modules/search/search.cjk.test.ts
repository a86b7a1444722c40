import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cjkGrams } from '../../db/text-search'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertLead, insertOpportunity, insertUser } from '../../test/factories'
import { http } from '../../test/http'

/**
 * Issue 18 item 2: Chinese terms of one or two characters match anywhere in a name (trigrams need
 * three), and a Chinese name with one character wrong is still found, in every list that searches.
 */
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
const id: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  const customers = {
    yunfan: '杭州云帆网络科技有限公司',
    yunfanExact: '云帆',
    yunfanPrefix: '云帆科技',
    yunnan: '云南帆船俱乐部', // 云 and 帆, but not 云帆
    zhixing: '深圳智星电子有限公司',
    shihang: '上海世航物流有限公司',
    yiming: '王一鸣',
    zhangWei: '张伟',
    zhangSanfeng: '张三丰',
    zhangjiagang: '江苏张家港贸易有限公司',
    other: '杭州远航贸易有限公司',
    amanda: 'Amanda Smith',
  }
  for (const [key, name] of Object.entries(customers)) id[key] = (await insertCustomer(t.db, { name, company: null, email: null, phone: null })).id
  id.buyer = (await insertContact(t.db, id.zhixing!, { name: '刘一鸣', email: null, phone: null })).id
  id.lead = (await insertLead(t.db, { name: '陈工', company: '宁波世航船务', email: null, phone: null })).id
  id.deal = (await insertOpportunity(t.db, id.yunfan!, { name: '杭州云帆 年度维保' })).id
  for (const [sku, name] of [['SVC-MAINT', '年度维保'], ['HW-AP', '无线接入点'], ['SVC-INST', '上门安装维护保养']]) {
    const res = await api.post('/api/v1/products', { sku, name, unitPrice: '1000' }, admin)
    expect(res.statusCode, res.body).toBe(201)
    id[sku] = json(res).id
  }
})
afterAll(() => t.close())

const names = async (path: string) => json(await api.get(path, admin)).items.map((i: { name: string }) => i.name) as string[]
const customerNames = (q: string) => names(`/api/v1/customers?q=${encodeURIComponent(q)}`)
const hits = async (q: string) =>
  json(await api.get(`/api/v1/search?q=${encodeURIComponent(q)}`, admin)).items.map((h: { kind: string; title: string }) => `${h.kind}:${h.title}`) as string[]

describe('customer list', () => {
  it('finds a two-character term in the middle of a name, exact name first, then prefix, then contains', async () => {
    expect(await customerNames('云帆')).toEqual(['云帆', '云帆科技', '杭州云帆网络科技有限公司'])
    expect(await customerNames('智星')).toEqual(['深圳智星电子有限公司'])
    expect(await customerNames('世航')).toEqual(['上海世航物流有限公司'])
    expect(await customerNames('一鸣')).toEqual(['王一鸣'])
  })

  it('finds a single-character surname, the people whose name starts with it first, shorter names first', async () => {
    expect(await customerNames('张')).toEqual(['张伟', '张三丰', '江苏张家港贸易有限公司'])
  })

  it('finds a Chinese name with one character wrong, and not names that only share characters', async () => {
    const found = await customerNames('杭洲云帆')
    expect(found).toContain('杭州云帆网络科技有限公司')
    expect(found).not.toContain('云南帆船俱乐部')
    expect(found).not.toContain('杭州远航贸易有限公司')
    expect(await customerNames('上海世船物流')).toContain('上海世航物流有限公司')
    // Ten characters: trigram similarity falls short (0.57), the one-character-wrong match does not.
    expect(await customerNames('深圳智晨电子有限公司')).toContain('深圳智星电子有限公司')
    // The middle character of a three-character name (the usual mistake: a homophone).
    expect(await customerNames('张山丰')).toContain('张三丰')
  })

  it('matches the same with a sort other than relevance (the list path)', async () => {
    expect(await names('/api/v1/customers?q=%E4%BA%91%E5%B8%86&sort=name')).toEqual(expect.arrayContaining(['云帆', '云帆科技', '杭州云帆网络科技有限公司']))
    expect((await names('/api/v1/customers?q=%E4%BA%91%E5%B8%86&sort=name')).length).toBe(3)
  })

  it('still finds longer Chinese terms, English words and English typos', async () => {
    expect(await customerNames('云帆网络')).toEqual(['杭州云帆网络科技有限公司'])
    expect(await customerNames('amanda')).toEqual(['Amanda Smith'])
    expect(await customerNames('Amanda Smiht')).toContain('Amanda Smith')
  })
})

describe('other lists and the global search', () => {
  it('global search finds the customer, contact, lead and deal by two characters', async () => {
    expect(await hits('云帆')).toEqual(expect.arrayContaining(['customer:杭州云帆网络科技有限公司', 'opportunity:杭州云帆 年度维保']))
    expect(await hits('一鸣')).toEqual(expect.arrayContaining(['customer:王一鸣', 'contact:刘一鸣']))
    expect(await hits('世航')).toEqual(expect.arrayContaining(['customer:上海世航物流有限公司', 'lead:陈工']))
    expect(await hits('张')).toEqual(expect.arrayContaining(['customer:张伟', 'customer:张三丰']))
  })

  it('the product picker finds 维保 in 年度维保, and not a name that only has 维 and 保', async () => {
    expect(await names('/api/v1/products?q=%E7%BB%B4%E4%BF%9D&active=true&limit=20')).toEqual(['年度维保'])
    expect(await names('/api/v1/products?q=%E5%B9%B4%E5%BA%A6&active=true&limit=20')).toEqual(['年度维保'])
  })

  it('contact and lead lists find two characters in a name or company', async () => {
    expect(await names('/api/v1/contacts?q=%E4%B8%80%E9%B8%A3')).toEqual(['刘一鸣'])
    expect(await names('/api/v1/leads?q=%E4%B8%96%E8%88%AA')).toEqual(['陈工'])
    expect(await names('/api/v1/opportunities?q=%E7%BB%B4%E4%BF%9D')).toEqual(['杭州云帆 年度维保'])
  })
})

describe('the gram index', () => {
  it('holds what the query side computes (kith_cjk_grams and cjkGrams agree)', async () => {
    const text = '杭州云帆 Net 张三'
    const { rows } = await sql<{ g: string[] }>`SELECT kith_cjk_grams(${text}) AS g`.execute(t.db)
    expect([...new Set(rows[0]!.g)].sort()).toEqual([...cjkGrams([...'杭州云帆']), ...cjkGrams([...'张三'])].sort())
  })

  it('answers a two-character search from the index (the query expression is the indexed one)', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx)
      for (const [table, source] of [['customers', "name || ' ' || coalesce(company, '')"], ['products', 'name']] as const) {
        const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM ${table} AS x WHERE kith_cjk_grams(${source.replace(/\b(name|company)\b/g, 'x.$1')}) @> ARRAY['云帆']`).execute(trx)
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(`${table}_cjk_idx`)
      }
    })
  })
})
