import type { Executor } from '../../db/database'
import { getCompanyBrand } from '../company/company.service'
import { changedFields } from '../../lib/diff'
import type { Acting, TicketCore } from './tickets.core'
import { mailLanguage, type MailLanguage } from './tickets.mail-templates'
import * as repo from './tickets.repository'

export interface SurveyView {
  number: string
  subject: string
  language: MailLanguage
  satisfaction: number | null
  satisfactionComment: string | null
  /** rate: the survey takes a vote; reopened: the ticket is being worked again (a new survey comes with its next resolution). */
  state: 'rate' | 'reopened'
}

/**
 * The customer's rating, in the caller's transaction: the score, his comment (undefined keeps the
 * one he gave before), the time, a process-log entry and an audit row with no actor.
 */
export async function recordRating(core: TicketCore, trx: Executor, acting: Acting, row: repo.TicketRow, score: number, comment: string | null | undefined) {
  const patch = { satisfaction: score, satisfactionAt: core.now(), ...(comment !== undefined ? { satisfactionComment: comment } : {}) }
  const changes = changedFields(row, { satisfaction: patch.satisfaction, ...(comment !== undefined ? { satisfactionComment: comment } : {}) })
  await core.update(trx, acting, row.id, patch, changes)
  if (row.satisfaction !== score) await core.logEvents(trx, row.id, null, [{ kind: 'satisfaction', before: row.satisfaction, after: score }])
}

/**
 * The satisfaction survey behind the signed link mailed with a resolution (no sign-in).
 * Decision: last vote wins while the link is valid (30 days after the resolution it rates), rather
 * than single use: a customer who mis-clicked, or whose mail scanner opened a link, corrects it by
 * clicking again, and the comment can follow the score. The link is signed (HMAC of ticket id and
 * resolution time with the server secret), so nothing is stored to look it up and nothing can be
 * forged; reopening the ticket retires it (its resolution time no longer matches), and the next
 * resolution mails a new one. The page shows the ticket's number and subject only.
 */
export function createTicketSurvey(core: TicketCore) {
  const { db } = core

  async function open(token: string, trx: Executor, lock: boolean) {
    const claim = core.mail ? await core.mail.verifySurvey(token, core.now()) : null
    if (!claim) return null
    const row = lock ? await repo.lockTicket(trx, claim.ticketId) : await repo.findTicketById(trx, claim.ticketId)
    if (!row || row.deletedAt) return null
    const current = row.resolvedAt?.getTime() === claim.resolvedAt.getTime() && (row.status === 'resolved' || row.status === 'closed')
    const t = await core.encryption.openRow('tickets', row.id, row, trx)
    return { row: t, current }
  }

  async function view(trx: Executor, row: repo.TicketRow, current: boolean): Promise<SurveyView> {
    const brand = await getCompanyBrand(trx)
    return {
      number: row.number,
      subject: row.subject,
      language: mailLanguage({ language: row.language, customerName: row.requesterVerified ? row.customerName : null }, brand),
      satisfaction: current ? row.satisfaction : null,
      satisfactionComment: current ? row.satisfactionComment : null,
      state: current ? 'rate' : 'reopened',
    }
  }

  return {
    /** What the survey page shows; null for a forged, expired or deleted ticket's link. */
    async survey(token: string): Promise<SurveyView | null> {
      const found = await open(token, db, false)
      return found ? view(db, found.row, found.current) : null
    },

    /** Records a vote (1–5, optional comment); a link of an earlier resolution records nothing. */
    async rate(token: string, score: number, comment: string | null | undefined, meta: { requestId: string; ip?: string }): Promise<SurveyView | null> {
      return db.transaction().execute(async (trx) => {
        const found = await open(token, trx, true)
        if (!found) return null
        if (!found.current) return view(trx, found.row, false)
        await recordRating(core, trx, { actor: null, requestId: meta.requestId, ip: meta.ip }, found.row, score, comment)
        const after = await core.encryption.openRow('tickets', found.row.id, (await repo.findTicketById(trx, found.row.id))!, trx)
        return view(trx, after, true)
      })
    },

    /** A rating the customer gave outside the survey (demo data, a move from another help desk); not exposed over HTTP. */
    async importRating(ticketId: string, score: number, comment: string | null | undefined, meta: { requestId: string }) {
      await db.transaction().execute(async (trx) => {
        const row = await repo.lockTicket(trx, ticketId)
        if (!row || (row.status !== 'resolved' && row.status !== 'closed')) return
        await recordRating(core, trx, { actor: null, requestId: meta.requestId }, await core.encryption.openRow('tickets', row.id, row, trx), score, comment)
      })
    },
  }
}
