import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { claimMail } from './tickets.mail.repository'
import { TICKET_MAIL_QUEUE } from './tickets.mail'

/**
 * Service mail reaches the customer through a real SMTP server: the acknowledgement, public
 * replies and the resolution with its survey, queued with what they announce and sent by a job.
 */
let t: TestApp
let smtp: TestSmtpServer
let api: ReturnType<typeof http>
let agent: AuthHeaders
let agentId: string

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url, KITH_PUBLIC_URL: 'https://crm.example.cn', KITH_MAIL_FROM: 'Kith <no-reply@crm.example.cn>' })
  api = http(t)
  const admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  const res = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/company', headers: admin, payload: { name: '杭州云杉软件有限公司', email: 'service@yunshan.cn' } })
  expect(res.statusCode, res.body).toBe(200)
  agentId = (await insertUser(t.db, { role: 'support', name: '王客服', email: 'wang@yunshan.cn' })).id
  agent = await sessionFor(t, agentId)
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})
beforeEach(() => {
  smtp.behave({})
})

const drain = () => t.services.jobs.drain(TICKET_MAIL_QUEUE)
/** Everything queued goes out; returns the mails that arrived meanwhile. */
async function flush() {
  const before = smtp.messages.length
  await drain()
  return smtp.messages.slice(before)
}
const ticketByNumber = async (number: string) => {
  const { id } = await t.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()
  return json(await api.get(`/api/v1/tickets/${id}`, agent))
}
const mailsOf = async (id: string) => json(await api.get(`/api/v1/tickets/${id}/mails`, agent)).items as { kind: string; state: string; attempts: number; lastError: string | null; subject: string | null }[]
const createTicket = async (payload: object) => {
  const res = await api.post('/api/v1/tickets', { subject: 'Printer offline', contactName: 'Jane Smith', contactEmail: 'jane@globex.example', assigneeId: agentId, ...payload }, agent)
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}
const surveyLinks = (text: string) => [...text.matchAll(/https:\/\/crm\.example\.cn(\/api\/v1\/public\/survey\/[^\s?]+\?score=(\d))/g)].map((m) => ({ path: m[1]!, score: Number(m[2]) }))
const vote = (path: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: path.replace(/\?.*$/, ''), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() })

describe('service mail to the requester', () => {
  it('acknowledges a web-form ticket in the form’s language, as the company, with the number in the subject', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', payload: { subject: '发票抬头错了', description: '请重开发票', contactName: '陈女士', contactEmail: 'chen@example.cn', language: 'zh-CN' } })
    expect(res.statusCode, res.body).toBe(201)
    const { number } = json(res)
    const [mail, ...more] = await flush()
    expect(more).toHaveLength(0)
    expect(mail!.envelopeTo).toEqual(['chen@example.cn'])
    expect(mail!.subject).toBe(`[${number}] 已收到您的服务请求：发票抬头错了`)
    expect(mail!.from).toMatch(/^"?杭州云杉软件有限公司"? <service@yunshan\.cn>$/)
    expect(mail!.text).toContain(`编号 ${number}`)
    expect(mail!.text).toContain('陈女士，您好')
    expect(mail!.html).toContain(number)
    expect(mail!.messageId).toMatch(/@crm\.example\.cn>$/)
    // Matched to no customer: no confirmation link to follow.
    expect(mail!.text).not.toContain('/confirm/')
    const ticket = await ticketByNumber(number)
    expect(ticket.language).toBe('zh-CN')
    expect(await mailsOf(ticket.id)).toMatchObject([{ kind: 'acknowledgement', state: 'sent', attempts: 1, subject: mail!.subject }])
  })

  it('mails an agent-created ticket’s acknowledgement and public replies (Reply-To the agent), never an internal note', async () => {
    const tk = await createTicket({ language: 'en' })
    const [ack] = await flush()
    expect(ack!.subject).toBe(`[${tk.number}] We have received your request: Printer offline`)
    expect(ack!.text).toContain('Dear Jane Smith,')

    expect((await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: 'SECRET: customer owes us money, be careful', internal: true }, agent)).statusCode).toBe(201)
    expect((await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: 'He called back and said it works', fromCustomer: true }, agent)).statusCode).toBe(201)
    expect(await flush()).toHaveLength(0)

    expect((await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: 'Please restart the print spooler and try again.' }, agent)).statusCode).toBe(201)
    const [reply, ...more] = await flush()
    expect(more).toHaveLength(0)
    expect(reply!.subject).toBe(`[${tk.number}] Re: Printer offline`)
    expect(reply!.text).toContain('Please restart the print spooler and try again.')
    expect(reply!.text).toContain('王客服')
    expect(reply!.rawHeaders.get('reply-to')).toContain('wang@yunshan.cn')
    expect(reply!.rawHeaders.get('x-kith-ticket')).toBe(tk.number)
    for (const m of smtp.messages) {
      expect(m.text + m.html).not.toContain('SECRET')
      expect(m.text + m.html).not.toContain('He called back')
    }
    expect((await mailsOf(tk.id)).map((m) => m.kind)).toEqual(['acknowledgement', 'reply'])
  })

  it('a reply refused (closed ticket) queues no mail: mail and reply share one transaction', async () => {
    const tk = await createTicket({})
    await flush()
    const closed = json(await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'closed', resolution: 'Duplicate of another ticket', version: tk.version }, agent))
    expect(closed.status).toBe('closed')
    await flush()
    expectProblem(await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: 'one more thing' }, agent), 409)
    expect(await flush()).toHaveLength(0)
    expect((await mailsOf(tk.id)).map((m) => m.kind)).toEqual(['acknowledgement', 'resolution'])
  })

  it('mails the resolution with a signed survey: one click per score records it (last vote wins); forged links are 404', async () => {
    const tk = await createTicket({ language: 'en' })
    await flush()
    const resolved = await api.patch(`/api/v1/tickets/${tk.id}`, { status: 'resolved', resolution: 'Replaced the fuser unit.', version: tk.version }, agent)
    expect(resolved.statusCode, resolved.body).toBe(200)
    const [mail] = await flush()
    expect(mail!.subject).toBe(`[${tk.number}] Your request has been resolved: Printer offline`)
    expect(mail!.text).toContain('Replaced the fuser unit.')
    const links = surveyLinks(mail!.text)
    expect(links.map((l) => l.score).sort()).toEqual([1, 2, 3, 4, 5])
    expect(mail!.html).toContain(links[0]!.path.replace(/\?.*/, ''))

    // The link opens a page with the score chosen; its script posts it (a GET alone records nothing).
    const four = links.find((l) => l.score === 4)!
    const page = await t.app.inject({ method: 'GET', url: four.path })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('data-auto="1"')
    expect(page.body).toContain('value="4" required checked')
    expect(page.body).toContain('杭州云杉软件有限公司')
    expect(page.body).toContain('<script src="/api/v1/public/survey.js"')
    expect((await ticketByNumber(tk.number)).satisfaction).toBeNull()

    let res = await vote(four.path, { score: '4', auto: '1' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.body).toContain('Thank you for your rating!')
    expect(await ticketByNumber(tk.number)).toMatchObject({ satisfaction: 4, satisfactionComment: null })
    expect((await ticketByNumber(tk.number)).satisfactionAt).not.toBeNull()
    // Changes his mind and writes a comment: the last vote wins.
    res = await vote(four.path, { score: '2', comment: 'Took three days' })
    expect(res.statusCode).toBe(200)
    expect(await ticketByNumber(tk.number)).toMatchObject({ satisfaction: 2, satisfactionComment: 'Took three days' })
    // The automatic post keeps the comment given before.
    await vote(four.path, { score: '3', auto: '1' })
    expect(await ticketByNumber(tk.number)).toMatchObject({ satisfaction: 3, satisfactionComment: 'Took three days' })
    expect((await vote(four.path, { score: '9' })).statusCode).toBe(400)

    const events = json(await api.get(`/api/v1/tickets/${tk.id}/events`, agent)).items.filter((e: { kind: string }) => e.kind === 'satisfaction')
    expect(events.map((e: { before: unknown; after: unknown; actorId: unknown }) => [e.before, e.after, e.actorId])).toEqual([[null, 4, null], [4, 2, null], [2, 3, null]])

    // Forged or altered tokens: a 404 page, nothing recorded.
    const token = four.path.split('/').pop()!
    const [id, at, sig] = token.split('.')
    for (const bad of [`${id}.${at}.${'A'.repeat(32)}`, `${id}.${(parseInt(at!, 36) + 1).toString(36)}.${sig}`, 'nonsense']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/survey/${bad}` })).statusCode).toBe(404)
      expect((await vote(`/api/v1/public/survey/${bad}`, { score: '5' })).statusCode).toBe(404)
    }
    expect((await ticketByNumber(tk.number)).satisfaction).toBe(3)

    // Reopened: the old link records nothing and says so; the rating went with the resolution.
    await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: 'It is broken again', fromCustomer: true }, agent)
    expect(await ticketByNumber(tk.number)).toMatchObject({ status: 'open', satisfaction: null })
    res = await vote(four.path, { score: '5' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('being worked on again')
    expect((await ticketByNumber(tk.number)).satisfaction).toBeNull()
  })

  it('a failed send retries (one mail in the end); a job run twice or resumed after a crash mails once, same Message-ID', async () => {
    const tk = await createTicket({})
    smtp.behave({ failAll: { code: 451, message: '4.3.0 try again later' } })
    expect(await flush()).toHaveLength(0)
    let [row] = await mailsOf(tk.id)
    expect(row).toMatchObject({ state: 'queued', attempts: 1 })
    expect(row!.lastError).toContain('451')
    smtp.behave({})
    const { id } = await t.db.selectFrom('ticketMails').select('id').where('ticketId', '=', tk.id).executeTakeFirstOrThrow()
    // The retry pg-boss schedules (with backoff) runs the same handler.
    await t.services.ticketMail.deliver({ id }, { retryCount: 1 })
    await t.services.ticketMail.deliver({ id }, { retryCount: 2 })
    expect(smtp.messages.filter((m) => m.subject.startsWith(`[${tk.number}]`))).toHaveLength(1)
    ;[row] = await mailsOf(tk.id)
    expect(row).toMatchObject({ state: 'sent', attempts: 2, lastError: null })

    // A worker that died after claiming (row left 'sending'): the resumed job sends it with the queued Message-ID.
    const reply = await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: 'Any news?' }, agent)
    expect(reply.statusCode).toBe(201)
    const queued = await t.db.selectFrom('ticketMails').select(['id', 'messageId']).where('ticketId', '=', tk.id).where('kind', '=', 'reply').executeTakeFirstOrThrow()
    await claimMail(t.db, queued.id)
    const [resent, ...more] = await flush()
    expect(more).toHaveLength(0)
    expect(resent!.messageId).toBe(queued.messageId)
    expect(await flush()).toHaveLength(0)
  })

  it('a permanent refusal (550) fails the mail without retrying, and says why', async () => {
    smtp.behave({ rejectRecipient: (a) => a === 'gone@globex.example' })
    const tk = await createTicket({ contactEmail: 'gone@globex.example' })
    expect(await flush()).toHaveLength(0)
    const [row] = await mailsOf(tk.id)
    expect(row).toMatchObject({ state: 'failed', attempts: 1 })
    expect(row!.lastError).toContain('550')
  })

  it('a form ticket matched by a typed address: the mail goes only to that address with the confirmation link and nothing of the customer record', async () => {
    const customer = await insertCustomer(t.db, { name: '宁波港务集团', phone: '+8657487654321' })
    await insertContact(t.db, customer.id, { name: '周总', email: 'boss@ningbo-port.cn' })
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', payload: { subject: '合同问题', description: '请回电', contactName: '冒名者', contactEmail: 'boss@ningbo-port.cn' } })
    const { number } = json(res)
    const [mail, ...more] = await flush()
    expect(more).toHaveLength(0)
    expect(mail!.envelopeTo).toEqual(['boss@ningbo-port.cn'])
    expect(mail!.subject).toContain(`[${number}]`)
    const link = mail!.text.match(/https:\/\/crm\.example\.cn(\/api\/v1\/public\/tickets\/confirm\/[\w-]+)/)![1]!
    for (const secret of ['宁波港务', '周总', '87654321']) expect(mail!.text + mail!.html).not.toContain(secret)
    expect((await ticketByNumber(number)).requesterVerified).toBe(false)
    expect((await t.app.inject({ method: 'POST', url: link })).statusCode).toBe(200)
    expect((await ticketByNumber(number)).requesterVerified).toBe(true)
  })
})
