import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { audience, type AudienceSource } from '../mailing-lists/mailing-lists.repository'
import { erasedKey } from '../suppressions/suppressions.repository'

/** What PostgreSQL checks before an address is mailed: one @, a dot in the domain, no spaces. */
const VALID_EMAIL = String.raw`^[^@\s<>",;]+@[^@\s<>",;]+\.[^@\s<>",;.]+$`

/**
 * The recipients' insert over a `src` CTE (email, valid, name, company, kind, entity_id): once per
 * address, invalid and suppressed ones kept as skipped. Shared by clear and opened (sealed) members.
 */
const insertFromSrc = (campaignId: string) => sql`
      INSERT INTO campaign_recipients (campaign_id, email, name, company, member_kind, member_id, state, skip_reason)
      SELECT ${campaignId}::uuid, src.email, src.name, src.company, src.kind, src.entity_id,
             CASE WHEN src.valid AND s.email IS NULL THEN 'pending' ELSE 'skipped' END,
             CASE WHEN NOT src.valid THEN 'invalid' WHEN s.email IS NOT NULL THEN 'suppressed' END
        FROM src LEFT JOIN suppressions s ON s.email IN (src.email, ${erasedKey(sql`src.email`)})
      ON CONFLICT (campaign_id, email) DO NOTHING
      RETURNING 1`

/**
 * Materialises a campaign's audience into campaign_recipients in one INSERT … SELECT: an address
 * once per campaign (one of the members sharing it wins), invalid and suppressed addresses kept
 * as skipped with their reason, so they are reported and never mailed.
 */
export async function materialise(db: Executor, campaignId: string, list: AudienceSource) {
  const { rows } = await sql<{ members: number; inserted: number }>`
    WITH src AS (
      SELECT e.email, e.email ~ ${VALID_EMAIL} AS valid, a.name, a.company, a.kind, a.entity_id
        FROM (${audience(list)}) a CROSS JOIN LATERAL (SELECT lower(trim(a.email)) AS email) e
       WHERE coalesce(trim(a.email), '') <> '' AND a.email NOT LIKE 'kenc:%'
    ), ins AS (${insertFromSrc(campaignId)})
    SELECT (SELECT count(*) FROM src)::int AS members, (SELECT count(*) FROM ins)::int AS inserted`.execute(db)
  return rows[0]!
}

/**
 * Members whose e-mail was sealed (field encryption), opened by the caller: materialised like the
 * rest — once per address, invalid and suppressed ones kept as skipped — from the opened values.
 */
export async function materialiseOpened(db: Executor, campaignId: string, members: { kind: string; entityId: string; email: string; name: string; company: string | null }[]) {
  if (!members.length) return { members: 0, inserted: 0 }
  const { rows } = await sql<{ inserted: number }>`
    WITH src AS (
      SELECT e.email, e.email ~ ${VALID_EMAIL} AS valid, u.name, u.company, u.kind, u.entity_id
        FROM unnest(${members.map((m) => m.email)}::text[], ${members.map((m) => m.name)}::text[], ${members.map((m) => m.company)}::text[],
                    ${members.map((m) => m.kind)}::text[], ${members.map((m) => m.entityId)}::uuid[]) AS u(email, name, company, kind, entity_id)
        CROSS JOIN LATERAL (SELECT lower(trim(u.email)) AS email) e
       WHERE coalesce(trim(u.email), '') <> ''
    ), ins AS (${insertFromSrc(campaignId)})
    SELECT (SELECT count(*) FROM ins)::int AS inserted`.execute(db)
  return { members: members.length, inserted: rows[0]!.inserted }
}

export interface ClaimedRecipient {
  id: string
  email: string
  name: string | null
  company: string | null
  token: string
  attempts: number
}

/** The send this worker runs: the campaign and the epoch it took with the lease (its fencing token). */
export interface SendLease {
  campaignId: string
  epoch: number
}

/**
 * The fence of every write a worker makes under its lease, as a CTE named `lease`: the campaign row
 * if the lease's epoch is still current, share-locked, so a takeover (which bumps the epoch) waits
 * for this statement's transaction, and a statement that waited for a takeover sees the new epoch
 * and writes nothing.
 */
const fence = (l: SendLease) => sql`lease AS (SELECT id FROM campaigns WHERE id = ${l.campaignId} AND send_epoch = ${l.epoch} FOR SHARE)`

/**
 * Claims up to `n` due pending recipients for sending (state → sending, attempts + 1). SKIP LOCKED
 * lets a second worker pass over rows another is claiming instead of waiting or taking them too.
 */
export async function claim(db: Executor, l: SendLease, n: number): Promise<ClaimedRecipient[]> {
  const campaignId = l.campaignId
  const { rows } = await sql<ClaimedRecipient>`
    WITH ${fence(l)}
    UPDATE campaign_recipients r SET state = 'sending', attempts = r.attempts + 1, claimed_at = now()
     WHERE EXISTS (SELECT 1 FROM lease) AND r.id IN (
       SELECT id FROM campaign_recipients
        WHERE campaign_id = ${campaignId} AND state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY id LIMIT ${n} FOR UPDATE SKIP LOCKED)
    RETURNING r.id, r.email, r.name, r.company, r.token, r.attempts`.execute(db)
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1))
}

/**
 * For the transaction that marks a message sent: commit without waiting for the WAL flush. The
 * worker dying cannot lose it (the database server still flushes it); only a crash of the
 * database server itself can lose the last fraction of a second of marks — messages then resent
 * with their same Message-ID. Saves an fsync per message.
 */
export const relaxedCommit = (trx: Executor) => sql`SET LOCAL synchronous_commit = off`.execute(trx)

/** A recipient's send state, written only under the lease that claimed it; false: the lease is gone and nothing was written. */
const fencedUpdate = async (db: Executor, l: SendLease, id: string, set: ReturnType<typeof sql>) => {
  const res = await sql`
    WITH ${fence(l)}
    UPDATE campaign_recipients SET ${set} WHERE id = ${id} AND state = 'sending' AND EXISTS (SELECT 1 FROM lease)`.execute(db)
  return Number(res.numAffectedRows ?? 0) === 1
}

export const markSent = (db: Executor, l: SendLease, id: string, messageId: string) =>
  fencedUpdate(db, l, id, sql`state = 'sent', sent_at = now(), message_id = ${messageId}, last_error = NULL`)

export const markFinal = (db: Executor, l: SendLease, id: string, state: 'failed' | 'bounced', error: string) =>
  fencedUpdate(db, l, id, sql`state = ${state}, last_error = ${error.slice(0, 1000)}`)

export const markRetry = (db: Executor, l: SendLease, id: string, delaySeconds: number, error: string) =>
  fencedUpdate(db, l, id, sql`state = 'pending', next_attempt_at = now() + make_interval(secs => ${delaySeconds}), last_error = ${error.slice(0, 1000)}`)

/**
 * Rows a dead worker left in 'sending': back to pending (see the crash policy in campaigns.sender.ts).
 * Only rows claimed longer ago than the lease: a worker that was still sending (and has just lost
 * its lease) stamped its row at most `leaseSeconds` ago, and that row must not be mailed twice.
 */
export async function releaseOrphans(db: Executor, campaignId: string, leaseSeconds: number) {
  const res = await db
    .updateTable('campaignRecipients')
    .set({ state: 'pending' })
    .where('campaignId', '=', campaignId)
    .where('state', '=', 'sending')
    .where((eb) => eb.or([eb('claimedAt', 'is', null), eb('claimedAt', '<', sql<Date>`now() - make_interval(secs => ${leaseSeconds})`)]))
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/**
 * While sending a claimed batch, in one statement: renew this worker's lease (only if it still holds
 * it) and, under it, stamp the batch's unsent rows' claims with now() — they are in flight, and a
 * later lease holder's releaseOrphans leaves them alone for `leaseSeconds`. False: the lease is
 * gone (another worker took it, or it was freed for a resume); stop sending at once.
 */
export async function renewForSend(db: Executor, l: SendLease, recipientIds: string[]) {
  const ids = recipientIds.length ? sql`ARRAY[${sql.join(recipientIds)}]::uuid[]` : sql`ARRAY[]::uuid[]`
  const { rows } = await sql<{ lease: boolean }>`
    WITH lease AS (
      UPDATE campaigns SET send_heartbeat_at = now() WHERE id = ${l.campaignId} AND send_epoch = ${l.epoch} RETURNING id
    ), claimed AS (
      UPDATE campaign_recipients SET claimed_at = now()
       WHERE id = ANY(${ids}) AND state = 'sending' AND EXISTS (SELECT 1 FROM lease) RETURNING id
    )
    SELECT EXISTS (SELECT 1 FROM lease) AS lease`.execute(db)
  return rows[0]!.lease
}

/** Addresses suppressed after the audience was materialised (an unsubscribe from another campaign) are skipped too. */
export async function skipNewlySuppressed(db: Executor, campaignId: string, since: Date) {
  const res = await sql`
    UPDATE campaign_recipients r SET state = 'skipped', skip_reason = 'suppressed'
      FROM suppressions s
     WHERE r.campaign_id = ${campaignId} AND r.state = 'pending' AND s.email IN (r.email, ${erasedKey(sql`r.email`)}) AND s.created_at >= ${since}`.execute(db)
  return Number(res.numAffectedRows ?? 0)
}

/** What is left: due now, waiting for a retry (and when the first is due), in flight. */
export async function remaining(db: Executor, campaignId: string) {
  const { rows } = await sql<{ due: number; deferred: number; sending: number; nextAt: Date | null; delivered: number; failed: number }>`
    SELECT count(*) FILTER (WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))::int AS due,
           count(*) FILTER (WHERE state = 'pending' AND next_attempt_at > now())::int AS deferred,
           count(*) FILTER (WHERE state = 'sending')::int AS sending,
           min(next_attempt_at) FILTER (WHERE state = 'pending') AS "nextAt",
           count(*) FILTER (WHERE state = 'sent')::int AS delivered,
           count(*) FILTER (WHERE state IN ('failed', 'bounced'))::int AS failed
      FROM campaign_recipients WHERE campaign_id = ${campaignId}`.execute(db.withoutPlugins())
  return rows[0]!
}

/**
 * Takes the campaign's send lease for this worker: free, left by an earlier run of this job, or by a
 * worker whose heartbeat stopped longer ago than `leaseSeconds`. Each take is a new epoch, which
 * fences out every earlier holder. Undefined: another worker holds it.
 */
export async function takeLease(db: Executor, campaignId: string, worker: string, leaseSeconds: number): Promise<SendLease | undefined> {
  const { rows } = await sql<{ epoch: number }>`
    UPDATE campaigns SET send_worker = ${worker}, send_heartbeat_at = now(), send_epoch = send_epoch + 1
     WHERE id = ${campaignId}
       AND (send_worker IS NULL OR send_worker = ${worker} OR send_heartbeat_at < now() - make_interval(secs => ${leaseSeconds}))
    RETURNING send_epoch AS epoch`.execute(db)
  return rows[0] ? { campaignId, epoch: rows[0].epoch } : undefined
}

/**
 * Renews a lease this worker holds, and only that: false once another worker took it (our heartbeat
 * went stale) or it was freed for a resume — the caller must then stop sending.
 */
export async function renewLease(db: Executor, l: SendLease) {
  const res = await sql`UPDATE campaigns SET send_heartbeat_at = now() WHERE id = ${l.campaignId} AND send_epoch = ${l.epoch}`.execute(db)
  return Number(res.numAffectedRows ?? 0) === 1
}

export const dropLease = (db: Executor, l: SendLease) =>
  db.updateTable('campaigns').set({ sendWorker: null }).where('id', '=', l.campaignId).where('sendEpoch', '=', l.epoch).execute()

/** The send ends: its final status, written only by the lease holder. */
export const finishSend = (db: Executor, l: SendLease, patch: { sendStatus: 'sent' | 'failed'; sendError: string | null }) =>
  db.updateTable('campaigns').set({ ...patch, sendFinishedAt: sql`now()` }).where('id', '=', l.campaignId).where('sendEpoch', '=', l.epoch).where('sendStatus', '=', 'sending').execute()

/**
 * The holder of a campaign's lease is dead (its process stopped beating, or a resume after a crash):
 * the lease is freed and a new epoch fences the dead run out, and the rows it had in flight go back
 * to pending (see the crash policy in campaigns.sender.ts). `worker`: only if that job held it.
 */
export async function breakLease(db: Executor, campaignId: string, worker?: string) {
  await sql`
    WITH freed AS (
      UPDATE campaigns SET send_worker = NULL, send_epoch = send_epoch + 1
       WHERE id = ${campaignId} ${worker === undefined ? sql`` : sql`AND send_worker = ${worker}`} RETURNING id
    )
    UPDATE campaign_recipients SET state = 'pending' WHERE campaign_id IN (SELECT id FROM freed) AND state = 'sending'`.execute(db)
}

export const findByToken = (db: Executor, token: string) =>
  db
    .selectFrom('campaignRecipients as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaignId')
    .select(['r.id', 'r.campaignId', 'r.email', 'r.unsubscribedAt', 'c.links', 'c.name as campaignName'])
    .where('r.token', '=', token)
    .executeTakeFirst()

export const recordOpen = (db: Executor, token: string) =>
  db.updateTable('campaignRecipients').set({ openedAt: sql`coalesce(opened_at, now())`, openCount: sql`open_count + 1` }).where('token', '=', token).execute()

/** A click proves an open too (images are often blocked). */
export const recordClick = (db: Executor, id: string) =>
  db
    .updateTable('campaignRecipients')
    .set({ clickedAt: sql`coalesce(clicked_at, now())`, clickCount: sql`click_count + 1`, openedAt: sql`coalesce(opened_at, now())` })
    .where('id', '=', id)
    .execute()

export const recordUnsubscribe = (db: Executor, id: string) =>
  db.updateTable('campaignRecipients').set({ unsubscribedAt: sql`coalesce(unsubscribed_at, now())` }).where('id', '=', id).execute()

export async function listRecipients(db: Executor, campaignId: string, f: { state?: string; after: string | null; limit: number }) {
  let q = db
    .selectFrom('campaignRecipients')
    .select(['id', 'email', 'name', 'memberKind', 'memberId', 'state', 'skipReason', 'attempts', 'sentAt', 'lastError', 'openedAt', 'clickedAt', 'unsubscribedAt'])
    .where('campaignId', '=', campaignId)
  if (f.state) q = q.where('state', '=', f.state as 'sent')
  if (f.after) q = q.where('id', '>', f.after)
  return q.orderBy('id').limit(f.limit + 1).execute()
}
