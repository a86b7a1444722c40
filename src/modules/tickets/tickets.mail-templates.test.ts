import { describe, expect, it } from 'vitest'
import { mailLanguage, renderTicketMail } from './tickets.mail-templates'
import { companyFrom, replyToOf } from '../company/company.sender'

const base = { number: 'T-000123', subject: 'Printer <offline>', requesterName: 'Jane', companyName: 'Globex' }

describe('ticket mail templates', () => {
  it('lead the subject with the ticket number in both languages', () => {
    expect(renderTicketMail('acknowledgement', { ...base, language: 'en' }).subject).toBe('[T-000123] We have received your request: Printer <offline>')
    expect(renderTicketMail('acknowledgement', { ...base, language: 'zh-CN' }).subject).toBe('[T-000123] 已收到您的服务请求：Printer <offline>')
    expect(renderTicketMail('reply', { ...base, language: 'en', body: 'x' }).subject).toBe('[T-000123] Re: Printer <offline>')
    expect(renderTicketMail('reply', { ...base, language: 'zh-CN', body: 'x' }).subject).toBe('[T-000123] 回复：Printer <offline>')
    expect(renderTicketMail('resolution', { ...base, language: 'zh-CN', body: 'x' }).subject).toBe('[T-000123] 您的服务请求已处理：Printer <offline>')
    // A header cannot be split by a subject with a line break in it.
    expect(renderTicketMail('reply', { ...base, subject: 'a\r\nBcc: x@evil', language: 'en', body: 'x' }).subject).not.toMatch(/[\r\n]/)
  })

  it('escape what the customer and the agent wrote in the HTML part, keep it verbatim in the text part', () => {
    const m = renderTicketMail('reply', { ...base, language: 'en', body: '<script>alert(1)</script> & more', agentName: 'Ann' })
    expect(m.html).not.toContain('<script>')
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more')
    expect(m.text).toContain('<script>alert(1)</script> & more')
    expect(m.text).toContain('Kind regards,\nAnn\nGlobex')
  })

  it('the resolution carries one survey link per score, labelled in the language', () => {
    const url = (n: number) => `https://crm.example/api/v1/public/survey/tok?score=${n}`
    const zh = renderTicketMail('resolution', { ...base, language: 'zh-CN', body: '已更换硒鼓', surveyUrl: url })
    for (const n of [1, 2, 3, 4, 5]) expect(zh.text).toContain(url(n))
    expect(zh.text).toContain('非常满意')
    expect(zh.html.match(/survey\/tok\?score=\d/g)).toHaveLength(5)
    const en = renderTicketMail('resolution', { ...base, language: 'en', body: 'Replaced', surveyUrl: url })
    expect(en.text).toContain('Very satisfied')
    expect(en.html).toContain('lang="en"')
  })

  it('the acknowledgement of an unverified requester carries the confirmation link, greets by the name he typed', () => {
    const m = renderTicketMail('acknowledgement', { ...base, language: 'zh-CN', requesterName: '陈女士', confirmUrl: 'https://crm.example/api/v1/public/tickets/confirm/abc' })
    expect(m.text).toContain('陈女士，您好：')
    expect(m.text).toContain('https://crm.example/api/v1/public/tickets/confirm/abc')
    expect(renderTicketMail('acknowledgement', { ...base, language: 'en', requesterName: null }).text).toMatch(/^Hello,/)
  })

  it('language: the ticket’s, else the customer name’s script, else the company’s', () => {
    const company = { name: 'Globex', currency: 'USD' }
    expect(mailLanguage({ language: 'zh-CN', customerName: 'Globex' }, company)).toBe('zh-CN')
    expect(mailLanguage({ language: null, customerName: '宁波港务' }, company)).toBe('zh-CN')
    expect(mailLanguage({ language: null, customerName: null }, company)).toBe('en')
    expect(mailLanguage({ language: null, customerName: null }, { name: '云杉软件', currency: 'USD' })).toBe('zh-CN')
    expect(mailLanguage({ language: null, customerName: null }, { name: 'Yunshan', currency: 'CNY' })).toBe('zh-CN')
  })

  it('sender: the company’s name and address, each falling back to MAIL_FROM; Reply-To the person, else the company', () => {
    expect(companyFrom({ name: '杭州云杉', email: 'service@yunshan.cn' }, 'Kith <no-reply@localhost>')).toBe('"杭州云杉" <service@yunshan.cn>')
    expect(companyFrom({ name: '', email: null }, 'Kith <no-reply@localhost>')).toBe('"Kith" <no-reply@localhost>')
    expect(companyFrom({ name: 'A "B" Co', email: null }, 'no-reply@kith.example')).toBe('"A B Co" <no-reply@kith.example>')
    expect(replyToOf({ name: '王客服', email: 'wang@yunshan.cn' }, { email: 'service@yunshan.cn' })).toBe('"王客服" <wang@yunshan.cn>')
    expect(replyToOf(null, { email: 'service@yunshan.cn' })).toBe('service@yunshan.cn')
    expect(replyToOf(undefined, { email: null })).toBeUndefined()
  })
})
