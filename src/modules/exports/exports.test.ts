import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../lib/ids'
import { insertContact, insertCustomer, insertLead, insertOpportunity, insertTeam, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { EXPORT_PAGE } from './exports.service'

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let sales: AuthHeaders
let salesId: string

const csvRows = (body: string) => parse(body.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][]

async function readXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(raw as unknown as ArrayBuffer)
  return wb.worksheets[0]!
}

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const teamA = await insertTeam(t.db)
  const teamB = await insertTeam(t.db)
  const a = await insertUser(t.db, { role: 'admin', name: '管理员' })
  const s = await insertUser(t.db, { role: 'sales', teamId: teamA.id, name: '王销售' })
  const other = await insertUser(t.db, { role: 'sales', teamId: teamB.id, name: 'Other Rep' })
  salesId = s.id
  admin = await sessionFor(t, a.id)
  sales = await sessionFor(t, s.id)
  await insertCustomer(t.db, { name: '北京科技有限公司', email: 'bj@example.com', phone: '+8613800138000', ownerId: s.id, teamId: teamA.id, status: 'active', tags: ['重点', 'vip'] })
  await insertCustomer(t.db, { name: '=HYPERLINK("http://evil.example","点我")', ownerId: s.id, teamId: teamA.id })
  await insertCustomer(t.db, { name: '上海贸易', ownerId: other.id, teamId: teamB.id, status: 'active' })
  await insertCustomer(t.db, { name: 'Deleted Ltd', ownerId: s.id, teamId: teamA.id, deletedAt: new Date() })
})
afterAll(() => t.close())

describe('GET /customers/export (CSV)', () => {
  it('streams UTF-8 with a BOM, Chinese headers, a Chinese file name, and escapes formulas', async () => {
    const res = await api.get('/api/v1/customers/export?format=csv', admin)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const rows = csvRows(res.body)
    expect(rows[0]!.slice(0, 5)).toEqual(['名称', '类型', '状态', '邮箱', '电话'])
    const names = rows.slice(1).map((r) => r[0])
    expect(names).toEqual(expect.arrayContaining(['北京科技有限公司', '上海贸易', `'=HYPERLINK("http://evil.example","点我")`]))
    expect(names).not.toContain('Deleted Ltd')
    const bj = rows.find((r) => r[0] === '北京科技有限公司')!
    expect(bj[2]).toBe('活跃')
    expect(bj[4]).toBe('+8613800138000') // a plain number computes nothing: not escaped, reads back as it was
    expect(bj[rows[0]!.indexOf('负责人')]).toBe('王销售')
    expect(bj[rows[0]!.indexOf('标签')]).toBe('重点, vip')
  })

  it('applies the list filters and the caller\'s permission scope in SQL', async () => {
    const mine = csvRows((await api.get('/api/v1/customers/export', sales)).body).slice(1).map((r) => r[0])
    expect(mine).toHaveLength(2)
    expect(mine).not.toContain('上海贸易')
    const active = csvRows((await api.get('/api/v1/customers/export?status=active', admin)).body).slice(1).map((r) => r[0])
    expect(active.sort()).toEqual(['上海贸易', '北京科技有限公司'].sort())
    const searched = csvRows((await api.get(`/api/v1/customers/export?q=${encodeURIComponent('北京')}`, sales)).body).slice(1)
    expect(searched.map((r) => r[0])).toEqual(['北京科技有限公司'])
    const deleted = csvRows((await api.get('/api/v1/customers/export?deleted=true', sales)).body).slice(1)
    expect(deleted.map((r) => r[0])).toEqual(['Deleted Ltd'])
  })

  it('takes the chosen columns in order, English headers, and local time stamps', async () => {
    const res = await api.get('/api/v1/customers/export?columns=email,name,createdAt&lang=en&tz=Asia/Shanghai&status=active&sort=name', admin)
    expect(res.headers['content-disposition']).toContain('filename="Customers-')
    const rows = csvRows(res.body)
    expect(rows[0]).toEqual(['Email', 'Name', 'Created'])
    expect(rows[1]![2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
    expect(rows.slice(1).map((r) => r[1])).toEqual(['上海贸易', '北京科技有限公司'])
  })

  it('follows Accept-Language when no lang is given', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers/export?columns=name', headers: { ...admin, 'accept-language': 'en-US,en;q=0.9' } })
    expect(csvRows(res.body)[0]).toEqual(['Name'])
  })

  it('refuses bad parameters with problem+json before sending anything', async () => {
    expectProblem(await api.get('/api/v1/customers/export?format=pdf', admin), 400, ['format'])
    expectProblem(await api.get('/api/v1/customers/export?columns=name,secret', admin), 400, ['columns'])
    expectProblem(await api.get('/api/v1/customers/export?tz=Mars/Base', admin), 400, ['tz'])
    expectProblem(await api.get('/api/v1/customers/export?sort=password', admin), 400, ['sort'])
    expectProblem(await api.get('/api/v1/customers/export?limit=5', admin), 400)
    expectProblem(await api.get('/api/v1/customers/export'), 401)
  })

  it('walks every page of a list longer than one page, each row once', async () => {
    const owner = await insertUser(t.db, { role: 'sales' })
    const n = EXPORT_PAGE + 37
    const rows = Array.from({ length: n }, (_, i) => ({
      id: newId(), name: `批量客户 ${String(i).padStart(5, '0')}`, tags: [], status: 'prospect' as const, type: 'company' as const, ownerId: owner.id, teamId: null,
    }))
    await t.db.insertInto('customers').values(rows).execute()
    const res = await api.get(`/api/v1/customers/export?ownerId=${owner.id}&columns=name,id`, admin)
    const out = csvRows(res.body).slice(1)
    expect(out).toHaveLength(n)
    expect(new Set(out.map((r) => r[1])).size).toBe(n)
  })
})

describe('GET /<resource>/export (XLSX)', () => {
  it('writes a workbook exceljs opens, with text kept exactly and numbers as numbers', async () => {
    const res = await api.get('/api/v1/customers/export?format=xlsx&sort=name', sales)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''%E5%AE%A2%E6%88%B7-.*\.xlsx$/)
    const ws = await readXlsx(res.rawPayload)
    expect(ws.name).toBe('客户')
    expect(ws.getRow(1).getCell(1).value).toBe('名称')
    const names = [2, 3].map((r) => ws.getRow(r).getCell(1).value)
    expect(names).toContain('北京科技有限公司')
    expect(names).toContain('=HYPERLINK("http://evil.example","点我")') // a text cell, never a formula
    expect(ws.actualRowCount).toBe(3)
  })

  it('exports deals with stage names, money as numbers and dates as dates', async () => {
    const c = await insertCustomer(t.db, { name: '深圳客户', ownerId: salesId })
    await insertOpportunity(t.db, c.id, { name: '年度合同', stage: 'won', amount: '123456.78', expectedCloseDate: '2026-01-05', ownerId: salesId })
    const res = await api.get(`/api/v1/opportunities/export?format=xlsx&customerId=${c.id}`, sales)
    const ws = await readXlsx(res.rawPayload)
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    const cell = (key: string) => ws.getRow(2).getCell(header.indexOf(key) + 1).value
    expect(cell('名称')).toBe('年度合同')
    expect(cell('阶段')).toBe('成交')
    expect(cell('金额')).toBe(123456.78)
    expect(cell('客户')).toBe('深圳客户')
    expect((cell('预计成交日期') as Date).toISOString().slice(0, 10)).toBe('2026-01-05')
    const csv = csvRows((await api.get(`/api/v1/opportunities/export?customerId=${c.id}&lang=en`, sales)).body)
    expect(csv[1]![csv[0]!.indexOf('Amount')]).toBe('123456.78')
    expect(csv[1]![csv[0]!.indexOf('Stage')]).toBe('Won')
  })

  it('exports leads and contacts within the same scope', async () => {
    await insertLead(t.db, { name: '李线索', ownerId: salesId, status: 'qualified', score: 80 })
    await insertLead(t.db, { name: 'Hidden lead' })
    const leads = csvRows((await api.get('/api/v1/leads/export?status=qualified', sales)).body)
    expect(leads.slice(1).map((r) => r[0])).toEqual(['李线索'])
    expect(leads[1]![leads[0]!.indexOf('评分')]).toBe('80')
    const mine = await insertCustomer(t.db, { name: '联系客户', ownerId: salesId })
    await insertContact(t.db, mine.id, { name: '赵联系', email: 'zhao@example.com' })
    const contacts = csvRows((await api.get(`/api/v1/contacts/export?customerId=${mine.id}`, sales)).body)
    expect(contacts[1]!.slice(0, 2)).toEqual(['赵联系', '联系客户'])
  })
})
