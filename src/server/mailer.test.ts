import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailer, MailError } from './mailer'
import { startSmtpServer, type TestSmtpServer } from '../test/smtp-server'

describe('mailer over a real SMTP server', () => {
  let smtp: TestSmtpServer
  beforeAll(async () => {
    smtp = await startSmtpServer()
  })
  afterAll(async () => {
    await smtp.close()
  })

  it('delivers a message with an attachment and headers', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: '销售部 <sales@example.cn>' })
    const sent = await mailer.send({
      to: '王小明 <wang@example.cn>',
      subject: '报价单 Q-2026-0001',
      text: '您好，附件是报价单。',
      headers: { 'List-Unsubscribe': '<https://example.cn/u/1>' },
      attachments: [{ filename: '报价单.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' }],
    })
    mailer.close()
    expect(sent.accepted).toEqual(['wang@example.cn'])
    const [mail] = await smtp.waitFor(1)
    expect(mail.subject).toBe('报价单 Q-2026-0001')
    expect(mail.from).toContain('sales@example.cn')
    expect(mail.envelopeTo).toEqual(['wang@example.cn'])
    expect(mail.text.trim()).toBe('您好，附件是报价单。')
    expect(mail.rawHeaders.get('list-unsubscribe')).toContain('https://example.cn/u/1')
    expect(mail.attachments).toHaveLength(1)
    expect(mail.attachments[0].filename).toBe('报价单.pdf')
    expect(mail.attachments[0].content.toString()).toBe('%PDF-1.4 test')
  })

  it('reports a refused recipient as a permanent failure', async () => {
    smtp.behave({ rejectRecipient: (a) => a === 'nobody@example.cn' })
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'k@example.cn' })
    const err = await mailer.send({ to: 'nobody@example.cn', subject: 'x', text: 'x' }).catch((e: unknown) => e)
    mailer.close()
    expect(err).toBeInstanceOf(MailError)
    expect((err as MailError).permanent).toBe(true)
    expect((err as MailError).status).toBe(502)
  })

  it('reports a temporary refusal as worth retrying', async () => {
    smtp.behave({ failAll: { code: 451, message: '4.3.0 try again later' } })
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'k@example.cn' })
    const err = await mailer.send({ to: 'a@example.cn', subject: 'x', text: 'x' }).catch((e: unknown) => e)
    mailer.close()
    smtp.behave({})
    expect((err as MailError).permanent).toBe(false)
    expect((err as MailError).smtpCode).toBe(451)
    expect((err as MailError).message).toContain('try again later')
  })

  it('says plainly when nothing is listening', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'k@example.cn', timeoutMs: 2000 })
    const err = await mailer.send({ to: 'a@example.cn', subject: 'x', text: 'x' }).catch((e: unknown) => e)
    expect((err as MailError).permanent).toBe(false)
    expect((err as MailError).message).toMatch(/refused the connection/)
  })

  it('refuses to pretend when SMTP is not configured', async () => {
    const mailer = createMailer({ from: 'k@example.cn' })
    expect(mailer.configured).toBe(false)
    await expect(mailer.send({ to: 'a@example.cn', subject: 'x', text: 'x' })).rejects.toMatchObject({ code: 'SMTP_NOT_CONFIGURED', status: 503 })
  })
})
