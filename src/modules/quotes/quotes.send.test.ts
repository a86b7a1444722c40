import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertOpportunity, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { insertOpportunityLines } from './quotes.fixtures'

let smtp: TestSmtpServer
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let adminId: string

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url, KITH_MAIL_FROM: 'Yunshan Sales <sales@yunshan.test>' })
  api = http(t)
  adminId = (await insertUser(t.db, { role: 'admin', name: '李销售', email: 'li@yunshan.test' })).id
  admin = await sessionFor(t, adminId)
  await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers: admin, payload: { name: '杭州云杉软件有限公司' } })
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})
beforeEach(() => {
  smtp.messages.length = 0
  smtp.behave({})
})

async function draft(customerName = '上海明辉科技有限公司') {
  const customer = await insertCustomer(t.db, { name: customerName, ownerId: adminId })
  const contact = await insertContact(t.db, customer.id, { name: '王小明', email: 'wang@minghui.test' })
  const deal = await insertOpportunity(t.db, customer.id, { ownerId: adminId, contactId: contact.id, stage: 'proposal' })
  await insertOpportunityLines(t.db, deal.id, [{ description: '年度订阅', quantity: '12', unitPrice: '833.33' }])
  return { quote: json(await api.post(`/api/v1/opportunities/${deal.id}/quotes`, {}, admin)), deal }
}

const sends = (quoteId: string) => t.db.selectFrom('quoteSends').selectAll().where('quoteId', '=', quoteId).execute()
const activitiesOf = (opportunityId: string) => t.db.selectFrom('activities').selectAll().where('opportunityId', '=', opportunityId).execute()

async function pdfText(buf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(buf) }).promise
  const content = await (await doc.getPage(1)).getTextContent()
  return content.items.map((it) => ('str' in it ? it.str : '')).join('').replace(/\s+/g, '')
}

describe('sending a quote by e-mail', () => {
  it('mails the PDF to the customer in Chinese, marks the quote sent and logs an e-mail activity on the deal', async () => {
    const { quote: q, deal } = await draft()
    const res = await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test', message: '王总您好，附件为报价单，请查收。' }, admin)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ id: q.id, status: 'sent', sentTo: 'wang@minghui.test', sentAt: expect.any(String), version: 2 })
    const [mail] = await smtp.waitFor(1)
    expect(mail!.envelopeTo).toEqual(['wang@minghui.test'])
    // As the company (no address in its profile: MAIL_FROM's), answered by the quote's owner.
    expect(mail!.from).toMatch(/^"?杭州云杉软件有限公司"? <sales@yunshan\.test>$/)
    expect(mail!.rawHeaders.get('reply-to')).toContain('li@yunshan.test')
    expect(mail!.subject).toBe(`报价单 ${q.number} – 杭州云杉软件有限公司`)
    expect(mail!.text).toContain('王总您好，附件为报价单，请查收。')
    expect(mail!.attachments).toHaveLength(1)
    const pdf = mail!.attachments[0]!
    expect(pdf.filename).toBe(`${q.number}.pdf`)
    expect(pdf.contentType).toBe('application/pdf')
    const text = await pdfText(pdf.content)
    expect(text).toContain('上海明辉科技有限公司')
    expect(text).toContain('¥9,999.96')
    const row = (await sends(q.id))[0]!
    expect(row).toMatchObject({ state: 'sent', recipients: 'wang@minghui.test', attempts: 1 })
    expect(mail!.messageId).toBe(row.messageId)
    const acts = await activitiesOf(deal.id)
    expect(acts).toEqual([expect.objectContaining({ type: 'email', subject: mail!.subject, completedAt: expect.any(Date), ownerId: adminId })])
    expect(acts[0]!.body).toContain('wang@minghui.test')
  })

  it('writes in English to an English-speaking customer with the default subject and message', async () => {
    const { quote: q } = await draft('Initech LLC')
    expect((await api.post(`/api/v1/quotes/${q.id}/send`, { to: ['bill@initech.test', 'peter@initech.test'] }, admin)).statusCode).toBe(200)
    const [mail] = await smtp.waitFor(1)
    expect(mail!.envelopeTo.sort()).toEqual(['bill@initech.test', 'peter@initech.test'])
    expect(mail!.subject).toBe(`Quotation ${q.number} from 杭州云杉软件有限公司`)
    expect(mail!.text).toContain('Dear 王小明')
    expect(mail!.text).toContain('CN¥9,999.96')
    expect(await pdfText(mail!.attachments[0]!.content)).toContain('Quotation')
  })

  it('a refused recipient: 502 with the server’s words, the quote stays a draft, no activity; the retry works', async () => {
    const { quote: q, deal } = await draft()
    smtp.behave({ rejectRecipient: (a) => a === 'nobody@minghui.test' })
    const res = await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'nobody@minghui.test' }, admin)
    const problem = expectProblem(res, 502)
    expect(problem.detail).toMatch(/550|refused/)
    expect(json(await api.get(`/api/v1/quotes/${q.id}`, admin))).toMatchObject({ status: 'draft', sentAt: null, version: 1 })
    expect(await activitiesOf(deal.id)).toHaveLength(0)
    expect((await sends(q.id))[0]).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/550|refused/) })
    expect((await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test' }, admin)).statusCode).toBe(200)
    expect(smtp.messages).toHaveLength(1)
    expect(await activitiesOf(deal.id)).toHaveLength(1)
  })

  it('a temporary failure (451) is retried to success under the same Message-ID: one mail delivered', async () => {
    const { quote: q } = await draft()
    smtp.behave({ failAll: { code: 451, message: '4.3.0 try again later' } })
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test' }, admin), 502)
    const failed = (await sends(q.id))[0]!
    smtp.behave({})
    expect((await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test' }, admin)).statusCode).toBe(200)
    const [mail] = await smtp.waitFor(1)
    expect(mail!.messageId).toBe(failed.messageId)
    expect(await sends(q.id)).toEqual([expect.objectContaining({ id: failed.id, state: 'sent', attempts: 2 })])
  })

  it('the same Idempotency-Key after a success (a lost reply, a double click) mails nothing again', async () => {
    const { quote: q } = await draft()
    const headers = { ...admin, 'idempotency-key': `send-${q.id}` }
    const first = await t.app.inject({ method: 'POST', url: `/api/v1/quotes/${q.id}/send`, headers, payload: { to: 'wang@minghui.test' } })
    expect(first.statusCode).toBe(200)
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/quotes/${q.id}/send`, headers, payload: { to: 'wang@minghui.test' } })
    expect(again.statusCode).toBe(200)
    expect(json(again)).toMatchObject({ id: q.id, status: 'sent', version: json(first).version })
    await new Promise((r) => setTimeout(r, 200))
    expect(smtp.messages).toHaveLength(1)
    expect(await sends(q.id)).toHaveLength(1)
  })

  it('after a crash mid-send, a send in flight is not doubled (409) and a stale one resumes with its Message-ID', async () => {
    const { quote: q } = await draft()
    // What a process that died after claiming the send leaves behind.
    await t.db.insertInto('quoteSends').values({ id: '01936a00-0000-7000-8000-000000000001', quoteId: q.id, idempotencyKey: null, messageId: '<crashed@kith.test>', recipients: 'wang@minghui.test', subject: 's', message: 'm', state: 'sending', lastError: null, sentAt: null, createdBy: adminId }).execute()
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test' }, admin), 409)
    expect(smtp.messages).toHaveLength(0)
    await t.db.updateTable('quoteSends').set({ attemptedAt: new Date(Date.now() - 10 * 60_000) }).where('quoteId', '=', q.id).execute()
    expect((await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test' }, admin)).statusCode).toBe(200)
    const [mail] = await smtp.waitFor(1)
    expect(mail!.messageId).toBe('<crashed@kith.test>')
    expect(await sends(q.id)).toEqual([expect.objectContaining({ state: 'sent', attempts: 2 })])
  })

  it('refuses bad input and quotes that cannot be sent', async () => {
    const { quote: q } = await draft()
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'not-an-address', subject: '', extra: 1 }, admin), 400, ['to', 'subject', 'extra'])
    await api.post(`/api/v1/quotes/${q.id}/reject`, {}, admin)
    expectProblem(await api.post(`/api/v1/quotes/${q.id}/send`, { to: 'wang@minghui.test' }, admin), 409)
    expect(smtp.messages).toHaveLength(0)
  })
})

describe('without SMTP configured', () => {
  let bare: TestApp
  // A second app (its own database): migrating it takes a while on a busy machine.
  beforeAll(async () => {
    bare = await createTestApp()
  }, 120_000)
  afterAll(() => bare?.close())

  it('says so plainly (503) and changes nothing', async () => {
    const u = await insertUser(bare.db, { role: 'admin' })
    const as = await sessionFor(bare, u.id)
    const c = await insertCustomer(bare.db, { ownerId: u.id })
    const d = await insertOpportunity(bare.db, c.id, { ownerId: u.id, amount: '100' })
    const q = json(await bare.app.inject({ method: 'POST', url: `/api/v1/opportunities/${d.id}/quotes`, headers: as, payload: {} }))
    const res = await bare.app.inject({ method: 'POST', url: `/api/v1/quotes/${q.id}/send`, headers: as, payload: { to: 'x@example.com' } })
    const p = expectProblem(res, 503)
    expect(p.code).toBe('SMTP_NOT_CONFIGURED')
    expect(p.detail).toMatch(/SMTP_URL/)
    expect(await bare.db.selectFrom('quoteSends').select('id').execute()).toHaveLength(0)
    expect(json(await bare.app.inject({ method: 'GET', url: `/api/v1/quotes/${q.id}`, headers: as })).status).toBe('draft')
  })

  it('checks the quote first: an unknown quote, or one the caller cannot see, is a 404, not a 503', async () => {
    const send = async (id: string, headers: AuthHeaders) => bare.app.inject({ method: 'POST', url: `/api/v1/quotes/${id}/send`, headers, payload: { to: 'x@example.com' } })
    const owner = await insertUser(bare.db, { role: 'sales' })
    const c = await insertCustomer(bare.db, { ownerId: owner.id })
    const d = await insertOpportunity(bare.db, c.id, { ownerId: owner.id, amount: '100' })
    const q = json(await bare.app.inject({ method: 'POST', url: `/api/v1/opportunities/${d.id}/quotes`, headers: await sessionFor(bare, owner.id), payload: {} }))
    const stranger = await sessionFor(bare, (await insertUser(bare.db, { role: 'sales' })).id)
    expect(expectProblem(await send('0193b9a0-0000-7000-8000-00000000dead', stranger), 404).code).toBe('QUOTE_NOT_FOUND')
    expect(expectProblem(await send(q.id, stranger), 404).code).toBe('QUOTE_NOT_FOUND')
  })
})
