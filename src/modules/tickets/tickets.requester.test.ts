import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertContact, insertCustomer, insertUser } from '../../test/factories'
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp-server'
import { TICKET_MAIL_QUEUE } from './tickets.mail'

/**
 * The public form links a ticket to whichever customer owns the e-mail typed into it: that link is
 * flagged unverified until the address owner follows the link mailed to it.
 */
let t: TestApp
let smtp: TestSmtpServer
let support: AuthHeaders

beforeAll(async () => {
  smtp = await startSmtpServer()
  t = await createTestApp({ SMTP_URL: smtp.url, KITH_PUBLIC_URL: 'https://crm.example.cn' })
  support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

const submit = (contactEmail: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', remoteAddress: '198.51.100.77', payload: { subject: '发票抬头错了', description: '请重开发票', contactName: '冒名者', contactEmail } })
const ticketByNumber = async (number: string) => {
  const { id } = await t.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()
  return json(await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: support }))
}

describe('a ticket filed onto a customer by a typed e-mail', () => {
  it('is unverified for agents until the address owner confirms from the mailed link (a scanner’s GET confirms nothing)', async () => {
    const customer = await insertCustomer(t.db, { name: '宁波港务' })
    await insertContact(t.db, customer.id, { email: 'boss@ningbo-port.cn' })
    const number = json(await submit('boss@ningbo-port.cn')).number
    expect(await ticketByNumber(number)).toMatchObject({ customerId: customer.id, requesterVerified: false })

    await t.services.jobs.drain(TICKET_MAIL_QUEUE)
    const [mail] = await smtp.waitFor(1)
    expect(mail!.to).toContain('boss@ningbo-port.cn')
    expect(mail!.subject).toContain(number)
    const link = mail!.text.match(/https:\/\/crm\.example\.cn(\/api\/v1\/public\/tickets\/confirm\/[\w-]+)/)![1]!
    const page = await t.app.inject({ method: 'GET', url: link })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<form method="post">')
    expect((await ticketByNumber(number)).requesterVerified).toBe(false)

    expect((await t.app.inject({ method: 'POST', url: link })).statusCode).toBe(200)
    expect((await ticketByNumber(number)).requesterVerified).toBe(true)
    // Spent: a second use (or a guessed token) is a 404 page.
    expect((await t.app.inject({ method: 'POST', url: link })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets/confirm/guessed-token' })).statusCode).toBe(404)
    const audit = await t.db.selectFrom('auditLog').select(['actorId', 'changes']).where('entity', '=', 'ticket').where('action', '=', 'update').execute()
    expect(audit).toContainEqual({ actorId: null, changes: { requesterVerified: { before: false, after: true } } })
  })

  it('a ticket that matched no customer links nothing and needs no confirmation (its acknowledgement has no link)', async () => {
    const before = smtp.messages.length
    const number = json(await submit('nobody-known@example.cn')).number
    expect(await ticketByNumber(number)).toMatchObject({ customerId: null, requesterVerified: true })
    await t.services.jobs.drain(TICKET_MAIL_QUEUE)
    expect(smtp.messages.length).toBe(before + 1)
    expect(smtp.messages.at(-1)!.subject).toContain(number)
    expect(smtp.messages.at(-1)!.text).not.toContain('/confirm/')
  })
})
