import type { Db } from '../../db/database'
import { formatDate } from '../../lib/time-zone'
import { newId } from '../../lib/ids'
import { AppError } from '../../server/errors'
import type { Mailer } from '../../server/mailer'
import type { RequestContext } from '../../server/context'
import type { ActivityService } from '../activities/activities.service'
import { recordAudit } from '../audit/audit.service'
import type { CompanyProfile } from '../company/company.schema'
import type { CompanyService } from '../company/company.service'
import type { CustomerService } from '../customers/customers.service'
import { companyFrom, replyToOf } from '../company/company.sender'
import type { UserService } from '../users/users.service'
import { displayNumber } from './quotes.model'
import { pdfBuffer, renderQuotePdf } from './quotes.pdf'
import * as repo from './quotes.repository'
import type { Quote, QuoteSend } from './quotes.schema'
import type { QuoteService } from './quotes.service'

interface Deps {
  db: Db
  quotes: QuoteService
  customers: CustomerService
  company: CompanyService
  activities: ActivityService
  mailer: Mailer
  /** The domain part of Message-IDs (the public host). */
  messageIdDomain: string
  /** The quote's owner answers the customer's reply (Reply-To). */
  users: Pick<UserService, 'get'>
  /** The server's MAIL_FROM: the fallback of the company's name and address. */
  mailFrom: string
}

/** A send still in flight for less than this is another request's (409); older ones crashed and are resumed. */
const IN_FLIGHT_MS = 2 * 60_000

export function defaultMail(q: Quote, company: CompanyProfile) {
  const number = displayNumber(q)
  const money = new Intl.NumberFormat(q.language, { style: 'currency', currency: q.currency }).format(q.total as unknown as number)
  // A calendar day of the company's (today(companyZone) + validity): the same day wherever it is read.
  const until = formatDate(q.validUntil, company.timeZone, q.language)
  const greeting = q.contactName ?? q.customerName
  const sender = company.name
  if (q.language === 'zh-CN') {
    return {
      subject: `报价单 ${number}${sender ? ` – ${sender}` : ''}`,
      message: `${greeting}，您好：\n\n附件是报价单 ${number}，合计 ${money}，有效期至 ${until}。\n如有任何问题，请随时与我们联系。\n\n此致\n${sender}`.trimEnd(),
    }
  }
  return {
    subject: `Quotation ${number}${sender ? ` from ${sender}` : ''}`,
    message: `Dear ${greeting},\n\nPlease find attached quotation ${number} for ${money}, valid until ${until}.\nDo not hesitate to contact us with any questions.\n\nKind regards,\n${sender}`.trimEnd(),
  }
}

/**
 * E-mails a quote with its PDF. SMTP cannot take part in a database transaction, so a send is a
 * row of its own with the Message-ID decided before talking SMTP:
 * 1. claim: a `sending` row (a retry with the same Idempotency-Key, or after a crash, reuses it);
 * 2. SMTP, outside any transaction (a slow peer must not hold the database);
 * 3. record: the row becomes `sent`, the quote `sent`, the activity and audit row, in one transaction.
 * A retry of a finished send (same key) mails nothing again. A refusal or timeout marks the row
 * failed and returns the error, and the quote stays unsent. Should the process die between the
 * peer's acceptance and step 3, the retry resends with the same Message-ID, which mail systems
 * treat as the same message.
 */
export function createQuoteSending({ db, quotes, customers, company, activities, mailer, messageIdDomain, users, mailFrom }: Deps) {
  return {
    async send(ctx: RequestContext, id: string, input: QuoteSend, idempotencyKey?: string): Promise<Quote> {
      const to = Array.isArray(input.to) ? input.to : [input.to]
      const recipients = [...to, ...(input.cc ?? [])].join(', ')

      const claim = await db.transaction().execute(async (trx) => {
        const row = await quotes.visible(ctx, id, 'write', trx)
        // Only once the quote is known to exist and be the caller's: otherwise a 404/403 on every server.
        if (!mailer.configured) {
          throw new AppError('SMTP_NOT_CONFIGURED', 'This server has no mail server configured (SMTP_URL), so nothing was sent. Download the PDF and send it yourself, or ask an administrator to set up SMTP.')
        }
        const current = await quotes.load(trx, id)
        const inFlight = (s: repo.QuoteSendRow) => s.state === 'sending' && Date.now() - s.attemptedAt.getTime() < IN_FLIGHT_MS
        let prior = idempotencyKey ? await repo.findSendByKey(trx, id, idempotencyKey) : undefined
        if (prior?.state === 'sent') return { done: current }
        if (!prior) quotes.assertActionable(row, current, ['draft', 'sent'], 'send')
        prior ??= await repo.findOpenSend(trx, id)
        if (prior && inFlight(prior)) throw new AppError('QUOTE_SEND_IN_PROGRESS', 'This quote is being sent right now; wait a moment and reload.')
        const profile = await company.get(ctx, trx)
        const mail = { ...defaultMail(current, profile), ...(input.subject ? { subject: input.subject } : {}), ...(input.message ? { message: input.message } : {}) }
        // The same recipients resume an unfinished send under its Message-ID; others are a new message.
        if (prior && prior.recipients === recipients) {
          await repo.updateSend(trx, prior.id, { state: 'sending', attempts: prior.attempts + 1, attemptedAt: new Date(), subject: mail.subject, message: mail.message })
          return { sendId: prior.id, messageId: prior.messageId, mail, quote: current, profile }
        }
        const sendId = newId()
        const messageId = `<${sendId}@${messageIdDomain}>`
        await repo.insertSend(trx, { id: sendId, quoteId: id, idempotencyKey: idempotencyKey ?? null, messageId, recipients, subject: mail.subject, message: mail.message, state: 'sending', lastError: null, sentAt: null, createdBy: ctx.actor.userId })
        return { sendId, messageId, mail, quote: current, profile }
      })
      if (claim.done) return claim.done

      const { quote: q, mail, profile } = claim
      try {
        const customer = await customers.visible(ctx, q.customerId, 'read')
        const pdf = await pdfBuffer(renderQuotePdf({ quote: q, company: profile, customer }))
        const owner = q.ownerId ? await users.get(ctx, q.ownerId).catch(() => null) : null
        const replyTo = replyToOf(owner, profile)
        await mailer.send({
          to,
          from: companyFrom(profile, mailFrom),
          ...(replyTo ? { replyTo } : {}),
          ...(input.cc?.length ? { headers: { Cc: input.cc.join(', '), 'X-Kith-Quote': displayNumber(q) } } : { headers: { 'X-Kith-Quote': displayNumber(q) } }),
          subject: mail.subject,
          text: mail.message,
          messageId: claim.messageId,
          attachments: [{ filename: `${displayNumber(q).replace(/\s+/g, '-')}.pdf`, content: pdf, contentType: 'application/pdf' }],
        })
      } catch (err) {
        await repo.updateSend(db, claim.sendId, { state: 'failed', lastError: err instanceof Error ? err.message.slice(0, 1000) : String(err) })
        throw err
      }

      return db.transaction().execute(async (trx) => {
        const row = await quotes.visible(ctx, id, 'write', trx)
        if (!(await repo.completeSend(trx, claim.sendId))) return quotes.load(trx, id)
        const sentAt = new Date()
        const status = row.status === 'draft' ? 'sent' : row.status
        await repo.updateQuote(trx, id, { status, sentAt, sentTo: recipients })
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'quote', entityId: id, changes: { status: { before: row.status, after: status }, sentTo: { before: row.sentTo, after: recipients } } }])
        await activities.createInTransaction(trx, ctx, {
          type: 'email',
          subject: mail.subject.slice(0, 300),
          body: `${q.language === 'zh-CN' ? '收件人' : 'To'}: ${recipients}\n\n${mail.message}`.slice(0, 20000),
          opportunityId: row.opportunityId,
          completedAt: sentAt.toISOString(),
        })
        return quotes.load(trx, id)
      })
    },
  }
}
