import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { insertOpportunityLines, insertProduct } from './quotes.fixtures'

// A 1×1 PNG logo is enough to prove the header embeds one.
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = http(t)
  const adminId = (await insertUser(t.db, { role: 'admin' })).id
  admin = await sessionFor(t, adminId)
  const put = await api.post('/api/v1/settings/company', {}, admin) // PUT only: POST is 404/405
  expect(put.statusCode).toBeGreaterThanOrEqual(400)
  const res = await t.app.inject({
    method: 'PUT', url: '/api/v1/settings/company', headers: admin,
    payload: { name: '杭州云杉软件有限公司', address: '浙江省杭州市西湖区文三路 100 号', phone: '+86 571 8888 6666', email: 'sales@yunshan.cn', taxId: '91330100MA2XXXXX1X', logo: LOGO },
  })
  expect(res.statusCode, res.body).toBe(200)
})
afterAll(() => t.close())

async function pdfText(buf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''))
  }
  return { text: pages.join('\n'), pages: doc.numPages, doc }
}

async function quoteFor(customerName: string, lines: { description: string; quantity: string; unitPrice: string; discountPercent?: string }[], currency = 'CNY') {
  const owner = (await insertUser(t.db, { role: 'admin' })).id
  const customer = await insertCustomer(t.db, { name: customerName, ownerId: owner })
  const contact = await insertContact(t.db, customer.id, { name: '李雷', email: 'lilei@example.cn' })
  const deal = await insertOpportunity(t.db, customer.id, { ownerId: owner, contactId: contact.id, currency })
  const p = await insertProduct(t.db, { taxRate: '13', currency })
  await insertOpportunityLines(t.db, deal.id, lines.map((l) => ({ ...l, productId: p.id })))
  return json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin))
}

describe('quote PDF', () => {
  it('renders Chinese text (embedded CJK font), the customer, lines and the total', async () => {
    const q = await quoteFor('北京星辰贸易有限公司', [
      { description: '企业版软件授权（含一年维护服务），适用于 50 名用户，包含移动端与桌面端，支持私有化部署与单点登录集成', quantity: '2', unitPrice: '12345.67', discountPercent: '5' },
      { description: 'Onsite training 现场培训', quantity: '3', unitPrice: '2000' },
    ])
    const res = await api.get(`/api/v1/quotes/${q.id}/pdf`, admin)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toContain(`${q.number}.pdf`)
    const buf = res.rawPayload
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(buf.length).toBeLessThan(400_000) // the font is subset, not the 10 MB file
    const { text } = await pdfText(buf)
    const flat = text.replace(/\s+/g, '')
    expect(flat).toContain('北京星辰贸易有限公司')
    expect(flat).toContain('杭州云杉软件有限公司')
    expect(flat).toContain('报价单')
    expect(flat).toContain(q.number)
    expect(q.total).toBe('33286.15') // (24691.34 × 0.95 + 6000) × 1.13 = 33286.15349
    expect(flat).toContain('¥33,286.15')
    expect(flat).toContain('人民币大写：叁万叁仟贰佰捌拾陆元壹角伍分')
    expect(flat).toContain('企业版软件授权')
    expect(flat).toContain('李雷')
    writeFileSync('/tmp/kith-quote-zh.pdf', buf)
  })

  it('labels in English for an English-speaking customer, and money in the currency’s format', async () => {
    const q = await quoteFor('Globex Corporation', [{ description: 'Widget', quantity: '1000', unitPrice: '1.5' }], 'USD')
    const res = await api.get(`/api/v1/quotes/${q.id}/pdf`, admin)
    const { text } = await pdfText(res.rawPayload)
    expect(text).toContain('Quotation')
    expect(text).toContain('Globex Corporation')
    expect(text).toContain('$1,695.00')
    expect(text).not.toContain('报价单')
    expect(text).not.toContain('大写')
  })

  it('breaks a long quote over pages with the table header repeated and page numbers', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ description: `第 ${i + 1} 项：服务器机柜配件与布线材料，含安装调试`, quantity: '1', unitPrice: '10' }))
    const q = await quoteFor('深圳前海长河科技有限公司', lines)
    const { text, pages } = await pdfText((await api.get(`/api/v1/quotes/${q.id}/pdf`, admin)).rawPayload)
    expect(pages).toBeGreaterThan(1)
    expect(text.replace(/\s+/g, '')).toContain(`第${pages}/${pages}页`)
    writeFileSync('/tmp/kith-quote-long.pdf', (await api.get(`/api/v1/quotes/${q.id}/pdf`, admin)).rawPayload)
  })

  it('is 404 for a quote the caller cannot see', async () => {
    const q = await quoteFor('隐藏客户', [{ description: 'x', quantity: '1', unitPrice: '1' }])
    const outsider = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
    expectProblem(await api.get(`/api/v1/quotes/${q.id}/pdf`, outsider), 404)
  })
})
