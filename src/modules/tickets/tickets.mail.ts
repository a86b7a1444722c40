import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Db, Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import type { Jobs } from '../../server/jobs'
import { MailError, type Mailer } from '../../server/mailer'
import { companyFrom, replyToOf } from '../company/company.sender'
import type { CompanyService } from '../company/company.service'
import type { EncryptionService } from '../encryption/encryption.service'
import * as mailRepo from './tickets.mail.repository'
import { mailLanguage, renderTicketMail } from './tickets.mail-templates'
import * as repo from './tickets.repository'
import type { TicketMailKind } from './tickets.table'

export const TICKET_MAIL_QUEUE = 'ticket-mail'
/** pg-boss retries a send that failed for a passing reason (4xx, timeout, peer down) this often, with backoff. */
export const TICKET_MAIL_RETRIES = 8
/** A survey link answers for this long after the resolution it rates. */
export const SURVEY_DAYS = 30

export interface TicketMailDeps {
  db: Db
  jobs: Jobs
  mailer: Mailer
  company: CompanyService
  encryption: EncryptionService
  /** Kith's address in links that leave it (KITH_PUBLIC_URL). */
  publicUrl: string
  /** The server's MAIL_FROM: the fallback of the company's name and address. */
  mailFrom: string
  /** The server secret (KITH_SECRET or the generated one) that signs survey and confirmation links. */
  secret: () => Promise<string>
  /** The domain part of Message-IDs. */
  messageIdDomain: string
}

/**
 * Service mail to a ticket's requester: the acknowledgement, every public reply and the resolution
 * with its satisfaction survey. Each mail is a row queued in the transaction of what it announces
 * (no reply without its mail, no mail without its reply) with its Message-ID decided then; a job
 * sends it. A job run twice finds the row sent and mails nothing; a worker that died between the
 * peer's acceptance and marking the row sent leaves the one case that mails twice, with the same
 * Message-ID (receiving servers collapse it). A 4xx or an unreachable peer retries with backoff; a
 * 5xx refusal fails the row at once. The mail is rendered when it is sent, from the stored ticket
 * and comment: internal notes are not even read (the query leaves them out).
 */
export function createTicketMail(deps: TicketMailDeps) {
  const { db, mailer, encryption } = deps
  const publicApi = `${deps.publicUrl.replace(/\/$/, '')}/api/v1/public`
  let key: Promise<string> | undefined
  const hmac = async (purpose: string, payload: string) =>
    createHmac('sha256', await (key ??= deps.secret())).update(`${purpose}\n${payload}`).digest('base64url').slice(0, 32)

  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

  /** The survey token of one resolution: signed ticket id and resolution time; a later resolution needs a new one. */
  async function surveyToken(ticketId: string, resolvedAt: Date) {
    const at = resolvedAt.getTime().toString(36)
    return `${ticketId}.${at}.${await hmac('ticket-survey', `${ticketId}.${at}`)}`
  }

  async function verifySurvey(token: string, now = new Date()): Promise<{ ticketId: string; resolvedAt: Date } | null> {
    const m = /^([0-9a-f-]{36})\.([0-9a-z]{1,12})\.([\w-]{32})$/.exec(token)
    if (!m) return null
    if (!same(m[3]!, await hmac('ticket-survey', `${m[1]}.${m[2]}`))) return null
    const resolvedAt = new Date(parseInt(m[2]!, 36))
    if (now.getTime() > resolvedAt.getTime() + SURVEY_DAYS * 86_400_000) return null
    return { ticketId: m[1]!, resolvedAt }
  }

  const surveyUrl = (token: string) => (score: number) => `${publicApi}/survey/${token}?score=${score}`

  async function compose(mail: mailRepo.TicketMailRow) {
    const found = await repo.findTicketById(db, mail.ticketId)
    if (!found || found.deletedAt) return { skip: 'The ticket was deleted before the mail went out' }
    const t = await encryption.openRow('tickets', found.id, found)
    const profile = await deps.company.get(null)
    // An unverified requester's language is not guessed from the customer he was matched to.
    const language = mailLanguage({ language: t.language, customerName: t.requesterVerified ? t.customerName : null }, profile)
    const common = { language, number: t.number, subject: t.subject, requesterName: t.contactName, companyName: profile.name || 'Kith' }
    let rendered
    let responder: { name: string | null; email: string | null } | undefined
    if (mail.kind === 'acknowledgement') {
      const confirmUrl = t.requesterVerified ? null : `${publicApi}/tickets/confirm/${await confirmToken(t.id)}`
      rendered = renderTicketMail('acknowledgement', { ...common, confirmUrl })
      responder = await mailRepo.userContact(db, t.assigneeId)
    } else if (mail.kind === 'reply') {
      // Public replies only: an internal note is not selected, so it cannot be rendered into a mail.
      const [c] = await repo.listComments(db, { ticketId: t.id, after: null, limit: 1, includeInternal: false, only: mail.commentId ?? '00000000-0000-0000-0000-000000000000' })
      if (!c || c.fromCustomer) return { skip: 'Not a public reply' }
      const comment = await encryption.openRow('ticketComments', c.id, c)
      responder = await mailRepo.userContact(db, comment.authorId)
      rendered = renderTicketMail('reply', { ...common, body: comment.body, agentName: comment.authorName })
    } else {
      if (!t.resolvedAt || (t.status !== 'resolved' && t.status !== 'closed')) return { skip: 'The ticket was reopened before the mail went out' }
      responder = await mailRepo.userContact(db, t.assigneeId)
      rendered = renderTicketMail('resolution', { ...common, body: t.resolution, agentName: responder?.name, surveyUrl: surveyUrl(await surveyToken(t.id, t.resolvedAt)) })
    }
    return {
      rendered,
      from: companyFrom(profile, deps.mailFrom),
      replyTo: replyToOf(responder, profile),
      headers: { 'X-Kith-Ticket': t.number, References: `<ticket.${t.id}@${deps.messageIdDomain}>` },
    }
  }

  /** The job: sends one queued mail; safe to run twice. */
  async function deliver(data: { id: string }, job: { retryCount: number }) {
    const mail = await mailRepo.claimMail(db, data.id)
    if (!mail) return
    let composed: Awaited<ReturnType<typeof compose>>
    try {
      composed = await compose(mail)
      if ('skip' in composed) {
        await mailRepo.finishMail(db, mail.id, 'failed', { lastError: composed.skip })
        return
      }
      await mailer.send({
        to: mail.recipient,
        from: composed.from,
        ...(composed.replyTo ? { replyTo: composed.replyTo } : {}),
        subject: composed.rendered.subject,
        text: composed.rendered.text,
        html: composed.rendered.html,
        messageId: mail.messageId,
        headers: composed.headers,
      })
      await mailRepo.finishMail(db, mail.id, 'sent', { subject: composed.rendered.subject, sentAt: new Date(), lastError: null })
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000)
      const final = (err instanceof MailError && err.permanent) || job.retryCount >= TICKET_MAIL_RETRIES
      await mailRepo.finishMail(db, mail.id, final ? 'failed' : 'queued', { lastError: message })
      if (!final) throw err
    }
  }

  deps.jobs.define<{ id: string }>(TICKET_MAIL_QUEUE, deliver, { retryLimit: TICKET_MAIL_RETRIES, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 5 * 60 })

  /** The confirmation token of a form ticket: derived, so the queued acknowledgement can carry it; only its hash is stored. */
  function confirmToken(ticketId: string) {
    return hmac('ticket-confirm', ticketId)
  }

  return {
    confirmToken,
    surveyToken,
    verifySurvey,
    deliver,
    configured: mailer.configured,

    /** Before a transaction that may queue mail: the queue must be open to enqueue inside it. */
    async ready() {
      if (mailer.configured) await deps.jobs.start()
    },

    /**
     * Queues a mail to the address the ticket carries (typed on the form or by the agent; never
     * one looked up from the matched customer). Nothing without SMTP or without an address.
     */
    async enqueue(trx: Executor, ticket: { id: string; contactEmail: string | null }, kind: TicketMailKind, opts: { commentId?: string; actorId?: string | null } = {}) {
      if (!mailer.configured || !ticket.contactEmail) return null
      const id = newId()
      await mailRepo.insertMail(trx, {
        id,
        ticketId: ticket.id,
        kind,
        commentId: opts.commentId ?? null,
        recipient: ticket.contactEmail,
        messageId: `<${id}@${deps.messageIdDomain}>`,
        subject: null,
        lastError: null,
        createdBy: opts.actorId ?? null,
        attemptedAt: null,
        sentAt: null,
      })
      await deps.jobs.send(TICKET_MAIL_QUEUE, { id }, { trx })
      return id
    },

    async list(ticketId: string) {
      return (await mailRepo.listMails(db, ticketId)).map((m) => ({ ...m, createdAt: iso(m.createdAt), sentAt: m.sentAt ? iso(m.sentAt) : null }))
    },
  }
}

export type TicketMail = ReturnType<typeof createTicketMail>
