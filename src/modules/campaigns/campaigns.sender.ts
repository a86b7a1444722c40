import type { Db } from '../../db/database'
import { getSetting, putSetting } from '../../db/settings.repository'
import { AppError, fieldError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import type { Jobs } from '../../server/jobs'
import { MailError, type Mailer } from '../../server/mailer'
import { recordAudit } from '../audit/audit.service'
import type { MailingListService } from '../mailing-lists/mailing-lists.service'
import type { SuppressionService } from '../suppressions/suppressions.service'
import * as repo from './campaigns.repository'
import * as rcp from './campaigns.recipients.repository'
import type { Composer } from './campaigns.compose'
import { assertCampaignAccess, toCampaign, type CampaignService } from './campaigns.service'
import type { SendingSettings } from './campaigns.schema'
import type { BulkTransport } from './campaigns.transport'

export const SEND_QUEUE = 'campaign-send'
const SETTINGS_KEY = 'campaign_sending'
export const DEFAULT_SENDING: SendingSettings = { messagesPerMinute: 600, maxAttempts: 5, retryBaseSeconds: 60 }

export interface SenderOptions {
  /** A worker whose heartbeat is older than this is taken for dead and its campaign resumed. */
  leaseSeconds?: number
  /** One job works this long, then re-enqueues itself (jobs stay short; a restart loses little). */
  sliceMs?: number
  /** Claim size when unthrottled. */
  batchSize?: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The durable send. POST /send marks the campaign scheduled and enqueues a job in one transaction.
 * The job materialises the recipients once (campaigns.materialized_at), then claims and sends.
 *
 * Crash policy ("nobody twice, nobody skipped", as far as SMTP allows): a recipient is marked
 * sent in its own statement right after the SMTP server accepts it. One worker at a time holds a
 * campaign's lease (heartbeat), renewed before every message; a worker that finds it taken stops
 * at once. Rows a dead worker left in 'sending' (claimed longer ago than the lease) go back to pending and
 * sent again with the same Message-ID. So nobody is skipped; the one message that can go twice is
 * one whose 250 reply arrived in the ~1 ms between the peer's accept and our UPDATE when the worker
 * died — and it goes with the same Message-ID, which receiving servers use to collapse duplicates.
 */
export function createCampaignSender(deps: {
  db: Db
  jobs: Jobs
  mailer: Mailer
  composer: Composer
  campaigns: CampaignService
  mailingLists: MailingListService
  suppressions: SuppressionService
  /** Campaign messages go through this pooled connection; test sends use the shared mailer. */
  bulk: BulkTransport
  options?: SenderOptions
}) {
  const { db, jobs, mailer, composer, campaigns, mailingLists, suppressions } = deps
  const leaseSeconds = deps.options?.leaseSeconds ?? 120
  const sliceMs = deps.options?.sliceMs ?? 30_000
  const batchSize = deps.options?.batchSize ?? 50
  /** Before a message, the lease is renewed when this long has passed since the last renewal (far inside the lease). */
  const renewEveryMs = Math.min(1_000, leaseSeconds * 250)

  const settings = async (): Promise<SendingSettings> => ({ ...DEFAULT_SENDING, ...(await getSetting<Partial<SendingSettings>>(db, SETTINGS_KEY)) })

  /** Once per campaign: the audience becomes recipient rows; the campaign starts sending. */
  async function prepare(campaignId: string, scheduledFor?: string) {
    return db.transaction().execute(async (trx) => {
      const c = await repo.lockCampaign(trx, campaignId)
      if (!c || c.deletedAt) return null
      if (c.sendStatus === 'scheduled' && !c.materializedAt) {
        // A job of a send that was cancelled and scheduled again for another time is not this send's.
        if (scheduledFor && c.scheduledAt?.toISOString() !== scheduledFor) return null
        const src = c.mailingListId ? await mailingLists.source(c.mailingListId, trx) : null
        const plain = src ? await rcp.materialise(trx, campaignId, src) : { members: 0, inserted: 0 }
        // Sealed customer and contact e-mails are opened here and go through the same suppression check.
        const opened = src ? await rcp.materialiseOpened(trx, campaignId, (await mailingLists.sealedMembers(src, trx)).map((m) => ({ ...m, email: m.email! }))) : { members: 0, inserted: 0 }
        const counts = { members: plain.members + opened.members, inserted: plain.inserted + opened.inserted }
        await repo.touchCampaign(trx, campaignId, {
          sendStatus: 'sending', materializedAt: new Date(), sendStartedAt: new Date(), audienceSize: counts.members, duplicatesSkipped: counts.members - counts.inserted,
        })
        return { ...c, sendStatus: 'sending' as const, materializedAt: new Date() }
      }
      return c
    })
  }

  async function sendOne(lease: rcp.SendLease, c: repo.CampaignRow, r: rcp.ClaimedRecipient, s: SendingSettings) {
    try {
      const sent = await deps.bulk.send(composer.mail(c, r))
      await db.transaction().execute(async (trx) => {
        await rcp.relaxedCommit(trx)
        await rcp.markSent(trx, lease, r.id, sent.messageId)
      })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      if (err instanceof MailError && err.permanent) {
        await db.transaction().execute(async (trx) => {
          if (!(await rcp.markFinal(trx, lease, r.id, 'bounced', message))) return
          await suppressions.add(trx, { actor: null, requestId: `campaign-send:${c.id}` }, { email: r.email, reason: 'bounced', campaignId: c.id, detail: message.slice(0, 500) })
        })
      } else if (r.attempts >= s.maxAttempts) {
        await rcp.markFinal(db, lease, r.id, 'failed', message)
      } else {
        await rcp.markRetry(db, lease, r.id, s.retryBaseSeconds * 2 ** (r.attempts - 1), message)
      }
    }
  }

  /** The job: one slice of sending, then either done or the next job enqueued. Safe to run twice. */
  async function work(data: { campaignId: string; scheduledFor?: string }, job: { id: string }) {
    const campaignId = data.campaignId
    let c = await prepare(campaignId, data.scheduledFor)
    if (!c || c.sendStatus !== 'sending') return
    let renewed = Date.now()
    const lease = await rcp.takeLease(db, campaignId, job.id, leaseSeconds)
    if (!lease) return
    try {
      // We hold the lease, so 'sending' rows belong to a worker that died or lost it; one stamped
      // within the lease may still be in its SMTP conversation, so only older ones go back to pending.
      await rcp.releaseOrphans(db, campaignId, leaseSeconds)
      await rcp.skipNewlySuppressed(db, campaignId, c.materializedAt ?? new Date(0))
      const s = await settings()
      const perMinute = c.messagesPerMinute ?? s.messagesPerMinute
      const interval = perMinute ? 60_000 / perMinute : 0
      const deadline = Date.now() + sliceMs
      let beat = Date.now()
      let cancelled = false
      while (Date.now() < deadline && !cancelled) {
        const batch = await rcp.claim(db, lease, interval ? 1 : batchSize)
        if (batch.length === 0) break
        for (const [i, r] of batch.entries()) {
          const started = Date.now()
          // A batch can outlast the lease (a slow SMTP peer): before each message the lease is checked
          // and renewed (with the claims of the rows still to send) unless that was done within
          // renewEveryMs, and the worker stops the moment another has it — it may be sending these rows.
          if (started - renewed >= renewEveryMs) {
            if (!(await rcp.renewForSend(db, lease, batch.slice(i).map((x) => x.id)))) return
            renewed = started
          }
          await sendOne(lease, c, r, s)
          if (interval) await sleep(Math.max(0, interval - (Date.now() - started)))
        }
        if (Date.now() - beat > 5_000) {
          beat = Date.now()
          if (!(await rcp.renewLease(db, lease))) return
          renewed = beat
          c = (await repo.findCampaignById(db, campaignId)) ?? c
          cancelled = c.sendStatus !== 'sending'
        }
      }
      if (cancelled) return
      const left = await rcp.remaining(db, campaignId)
      if (left.due + left.deferred + left.sending === 0) {
        const sendStatus = left.delivered === 0 && left.failed > 0 ? 'failed' : 'sent'
        await rcp.finishSend(db, lease, { sendStatus, sendError: sendStatus === 'failed' ? 'No message was accepted by the mail server' : null })
        return
      }
      // Free the lease first: the next job may start in another worker before this one returns.
      await rcp.dropLease(db, lease)
      // Only rows in flight elsewhere (a worker that lost the lease): look again once their claims are stale.
      const orphansStale = left.sending > 0 && left.deferred === 0 ? new Date(Date.now() + leaseSeconds * 1000) : undefined
      await jobs.send(SEND_QUEUE, { campaignId }, { startAfter: left.due > 0 ? undefined : (left.nextAt ?? orphansStale) })
    } finally {
      deps.bulk.close()
      await rcp.dropLease(db, lease)
    }
  }

  jobs.define<{ campaignId: string; scheduledFor?: string }>(SEND_QUEUE, work, {
    retryLimit: 20,
    retryDelaySeconds: 30,
    retryBackoff: true,
    expireInSeconds: Math.ceil(sliceMs / 1000) + 5 * 60,
    // The dead run's lease is broken with its job requeued, so the new job starts sending at once.
    onOwnerLost: (trx, data: { campaignId: string }, jobId) => rcp.breakLease(trx, data.campaignId, jobId),
  })

  return {
    work,
    /** The materialisation step alone (the bench times it). */
    prepare,
    settings,

    async getSettings(ctx: RequestContext) {
      assertCampaignAccess(ctx.actor, 'results')
      return settings()
    },

    async putSettings(ctx: RequestContext, input: SendingSettings) {
      assertCampaignAccess(ctx.actor, 'write')
      await db.transaction().execute(async (trx) => {
        const before = await getSetting(trx, SETTINGS_KEY)
        await putSetting(trx, SETTINGS_KEY, input)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'setting', entityId: null, changes: { [SETTINGS_KEY]: { before: before ?? null, after: input } } }])
      })
      return settings()
    },

    /** POST /campaigns/{id}/send → 202: scheduled and enqueued together, or neither. */
    async send(ctx: RequestContext, id: string, input: { scheduledAt?: string }) {
      // The campaign before the set-up: an unknown campaign is a 404 (a 403 for a role that may not
      // send) on every server, not a 503 that sends an integration looking for a mail server.
      await campaigns.visible(ctx, id, 'write')
      if (!mailer.configured) throw new AppError('SMTP_NOT_CONFIGURED')
      // pg-boss must be up before the transaction: on PGlite its first start would wait for the one connection we hold.
      await jobs.start()
      return db.transaction().execute(async (trx) => {
        const row = await campaigns.visible(ctx, id, 'write', trx)
        if (row.sendStatus !== 'draft') throw new AppError('CAMPAIGN_NOT_SENDABLE', `This campaign is ${row.sendStatus}; it can be sent once`)
        if (!row.mailingListId) throw fieldError('mailingListId', 'Choose a mailing list before sending')
        if (!row.emailSubject) throw fieldError('emailSubject', 'Write a subject before sending')
        if (!row.emailBody) throw fieldError('emailBody', 'Write the e-mail before sending')
        if (!(await mailingLists.source(row.mailingListId, trx))) throw fieldError('mailingListId', 'The mailing list was deleted; choose another')
        const at = input.scheduledAt ? new Date(input.scheduledAt) : null
        // Millisecond precision, as timestamptz(3) keeps it: the job names the send it belongs to.
        const scheduledAt = new Date(Math.floor((at ?? new Date()).getTime()))
        await repo.updateCampaign(trx, id, { sendStatus: 'scheduled', scheduledAt, sendError: null, ...(row.status === 'planned' ? { status: 'active' } : {}) })
        await jobs.send(SEND_QUEUE, { campaignId: id, scheduledFor: scheduledAt.toISOString() }, { trx, startAfter: at && at > new Date() ? at : undefined })
        await recordAudit(trx, ctx, [{ action: 'send', entity: 'campaign', entityId: id, changes: { scheduledAt: scheduledAt.toISOString() } }])
        return toCampaign((await repo.findCampaignById(trx, id))!)
      })
    },

    /** Scheduled → back to draft; sending → cancelled (what was sent stays sent, the rest is not mailed). */
    async cancel(ctx: RequestContext, id: string) {
      return db.transaction().execute(async (trx) => {
        const row = await campaigns.visible(ctx, id, 'write', trx)
        if (row.sendStatus === 'scheduled' && !row.materializedAt) {
          await repo.updateCampaign(trx, id, { sendStatus: 'draft', scheduledAt: null })
        } else if (row.sendStatus === 'sending' || row.sendStatus === 'scheduled') {
          await repo.updateCampaign(trx, id, { sendStatus: 'cancelled', sendFinishedAt: new Date() })
        } else {
          throw new AppError('CAMPAIGN_NOT_SENDABLE', `A ${row.sendStatus} campaign has no send to cancel`)
        }
        await recordAudit(trx, ctx, [{ action: 'cancel_send', entity: 'campaign', entityId: id, changes: { sendStatus: { before: row.sendStatus, after: row.sendStatus === 'scheduled' && !row.materializedAt ? 'draft' : 'cancelled' } } }])
        return toCampaign((await repo.findCampaignById(trx, id))!)
      })
    },

    /**
     * After a crash: campaigns still 'sending' whose worker stopped beating for `staleAfterSeconds`
     * get their in-flight rows back to pending and a fresh job (the dead worker's own job would be retried only when pg-boss expires it).
     */
    async resumeStalled(opts: { staleAfterSeconds?: number } = {}) {
      const stale = opts.staleAfterSeconds ?? leaseSeconds
      const rows = await db
        .selectFrom('campaigns')
        .select('id')
        .where('sendStatus', '=', 'sending')
        .where('deletedAt', 'is', null)
        .where((eb) => eb.or([eb('sendHeartbeatAt', 'is', null), eb('sendHeartbeatAt', '<', new Date(Date.now() - stale * 1000))]))
        .execute()
      for (const r of rows) {
        // Its worker is taken for dead after `stale` seconds, so are its rows in flight (their claim
        // is never newer than its last heartbeat); without this they would wait out the lease.
        await rcp.breakLease(db, r.id)
        await jobs.send(SEND_QUEUE, { campaignId: r.id })
      }
      return rows.length
    },
  }
}

export type CampaignSender = ReturnType<typeof createCampaignSender>
