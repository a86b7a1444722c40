import { escapeHtml } from '../campaigns/campaigns.template'

export type MailLanguage = 'zh-CN' | 'en'
export const MAIL_LANGUAGES = ['zh-CN', 'en'] as const

const CJK = /[\u3400-\u9fff]/

/**
 * The language of a ticket's mail: the ticket's own (the form's language, or what the agent chose),
 * else a Chinese customer name means Chinese, else the company's (a Chinese company name or yuan).
 */
export function mailLanguage(ticket: { language: string | null; customerName: string | null }, company: { name: string; currency: string }): MailLanguage {
  if (ticket.language === 'zh-CN' || ticket.language === 'en') return ticket.language
  if (ticket.customerName) return CJK.test(ticket.customerName) ? 'zh-CN' : 'en'
  return CJK.test(company.name) || company.currency === 'CNY' ? 'zh-CN' : 'en'
}

/**
 * What a template may say. Only what the requester wrote himself (his name, the subject), the
 * agent's public words and Kith's own: never a field of the customer record the ticket was matched
 * to, so a ticket filed under someone else's address (unverified) tells its reader nothing new.
 */
export interface TicketMailData {
  language: MailLanguage
  number: string
  subject: string
  requesterName: string | null
  companyName: string
  agentName?: string | null
  /** reply: the public reply; resolution: the resolution (处理结果). */
  body?: string | null
  /** acknowledgement of a form ticket matched by a typed address: the link that confirms it. */
  confirmUrl?: string | null
  /** resolution: the survey link of score n is surveyUrl(n). */
  surveyUrl?: ((score: number) => string) | null
}

export interface RenderedMail {
  subject: string
  text: string
  html: string
}

export const SCORE_LABELS: Record<MailLanguage, string[]> = {
  'zh-CN': ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  en: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
}

const T = {
  'zh-CN': {
    ack: (s: string) => `已收到您的服务请求：${s}`,
    reply: (s: string) => `回复：${s}`,
    resolution: (s: string) => `您的服务请求已处理：${s}`,
    hello: (n: string | null) => (n ? `${n}，您好：` : '您好：'),
    ackBody: (num: string) => `我们已收到您的服务请求，编号 ${num}。客服人员会尽快与您联系。`,
    confirm: '此请求是用本邮箱地址提交的。请打开以下链接确认是您本人，我们才会把它关联到您的客户档案：',
    ignore: '如果不是您本人提交的，请忽略此邮件。',
    replyIntro: (num: string) => `关于您的服务请求 ${num}，我们的回复如下：`,
    resolutionIntro: (num: string) => `您的服务请求 ${num} 已处理，处理结果如下：`,
    survey: '请为本次服务打分（点击一个分数即可）：',
    keep: (num: string) => `回复此邮件时请保留主题中的编号 [${num}]。`,
    regards: (agent: string | null | undefined, company: string) => `此致\n${[agent, company].filter(Boolean).join('\n')}`,
    request: '您的请求',
  },
  en: {
    ack: (s: string) => `We have received your request: ${s}`,
    reply: (s: string) => `Re: ${s}`,
    resolution: (s: string) => `Your request has been resolved: ${s}`,
    hello: (n: string | null) => (n ? `Dear ${n},` : 'Hello,'),
    ackBody: (num: string) => `Thank you for contacting us. Your request has been received as ${num}; our support team will get back to you soon.`,
    confirm: 'This request was sent with your e-mail address. Please open the link below to confirm it was you, so that we can link it to your customer record:',
    ignore: 'If you did not send it, please ignore this message.',
    replyIntro: (num: string) => `Our reply to your request ${num}:`,
    resolutionIntro: (num: string) => `Your request ${num} has been resolved:`,
    survey: 'How did we do? One click gives your rating:',
    keep: (num: string) => `When you reply, please keep [${num}] in the subject.`,
    regards: (agent: string | null | undefined, company: string) => `Kind regards,\n${[agent, company].filter(Boolean).join('\n')}`,
    request: 'Your request',
  },
}

const para = (s: string) => `<p style="margin:0 0 14px;line-height:1.6">${escapeHtml(s).replace(/\n/g, '<br>')}</p>`
const quote = (s: string) =>
  `<div style="margin:0 0 16px;padding:12px 16px;background:#f6f8fa;border-left:3px solid #1677ff;white-space:pre-wrap;line-height:1.6">${escapeHtml(s)}</div>`

/** The subject, plain text and HTML of one ticket mail; the number leads the subject so replies can be matched. */
export function renderTicketMail(kind: 'acknowledgement' | 'reply' | 'resolution', d: TicketMailData): RenderedMail {
  const L = T[d.language]
  const tag = `[${d.number}]`
  const subject = `${tag} ${kind === 'acknowledgement' ? L.ack(d.subject) : kind === 'reply' ? L.reply(d.subject) : L.resolution(d.subject)}`
  const text: string[] = [L.hello(d.requesterName), '']
  const html: string[] = [para(L.hello(d.requesterName))]

  if (kind === 'acknowledgement') {
    text.push(L.ackBody(d.number), '', `${L.request}: ${d.subject}`)
    html.push(para(L.ackBody(d.number)), para(`${L.request}: ${d.subject}`))
    if (d.confirmUrl) {
      text.push('', L.confirm, d.confirmUrl, L.ignore)
      html.push(para(L.confirm), `<p style="margin:0 0 14px"><a href="${escapeHtml(d.confirmUrl)}">${escapeHtml(d.confirmUrl)}</a></p>`, para(L.ignore))
    }
  } else {
    const intro = kind === 'reply' ? L.replyIntro(d.number) : L.resolutionIntro(d.number)
    text.push(intro, '', d.body ?? '')
    html.push(para(intro), quote(d.body ?? ''))
    if (kind === 'resolution' && d.surveyUrl) {
      const labels = SCORE_LABELS[d.language]
      text.push('', L.survey, ...[5, 4, 3, 2, 1].map((n) => `  ${n} – ${labels[n - 1]}: ${d.surveyUrl!(n)}`))
      const buttons = [1, 2, 3, 4, 5]
        .map((n) => `<a href="${escapeHtml(d.surveyUrl!(n))}" style="display:inline-block;margin:0 6px 8px 0;padding:8px 12px;border:1px solid #d9d9d9;border-radius:6px;color:#1f1f1f;text-decoration:none;text-align:center;min-width:64px"><strong style="font-size:18px;color:#fa8c16">${'★'.repeat(n)}</strong><br><span style="font-size:12px">${n} · ${escapeHtml(labels[n - 1]!)}</span></a>`)
        .join('')
      html.push(para(L.survey), `<div style="margin:0 0 16px">${buttons}</div>`)
    }
  }
  const regards = L.regards(d.agentName, d.companyName)
  text.push('', regards, '', '—', L.keep(d.number))
  html.push(para(regards), `<p style="margin:24px 0 0;color:#888;font-size:12px">${escapeHtml(L.keep(d.number))}</p>`)
  return {
    subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 400),
    text: text.join('\n'),
    html: `<!doctype html><html lang="${d.language}"><body style="font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#1f1f1f;font-size:14px;max-width:600px">${html.join('')}</body></html>`,
  }
}
