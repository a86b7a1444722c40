import type { Db, Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit, type AuditEvent } from '../audit/audit.service'
import * as repo from './lost-reasons.repository'
import type { LostReason, LostReasonCreate, LostReasonUpdate } from './lost-reasons.schema'

const toLostReason = (r: repo.LostReasonRow): LostReason => ({
  id: r.id,
  key: r.key,
  labelZh: r.labelZh,
  labelEn: r.labelEn,
  position: r.position,
  active: r.active,
  requiresNote: r.requiresNote,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
})

/** What a lost deal carries: the reason and the note (free text, required for "other"). */
export interface LostChoice {
  reasonId: string
  note: string | null
}

/**
 * The admin's list of lost reasons (bilingual, ordered, active or not). Anyone signed in reads the
 * list; only an admin changes it, with a version check and an audit row. Reasons are never deleted
 * (old deals keep theirs): an admin deactivates one instead.
 */
export function createLostReasonService({ db }: { db: Db }) {
  /** Positions 1..n in the given order; audit events for those that moved. */
  async function renumber(trx: Executor, ordered: repo.LostReasonRow[]): Promise<AuditEvent[]> {
    const events: AuditEvent[] = []
    for (const [i, r] of ordered.entries()) {
      if (r.position === i + 1) continue
      await repo.setPosition(trx, r.id, i + 1)
      events.push({ action: 'update', entity: 'lost_reason', entityId: r.id, changes: { position: { before: r.position, after: i + 1 } } })
    }
    return events
  }

  /** Puts `row` at 1-based `position` among `all` (which may or may not hold it). */
  const placed = (all: repo.LostReasonRow[], row: repo.LostReasonRow, position: number) => {
    const rest = all.filter((r) => r.id !== row.id)
    rest.splice(Math.min(Math.max(position - 1, 0), rest.length), 0, row)
    return rest
  }

  async function assertUniqueLabels(trx: Executor, labelZh: string, labelEn: string, exceptId: string | null) {
    const clash = await repo.findLabelClash(trx, labelZh, labelEn, exceptId)
    if (!clash) return
    if (clash.labelZh.toLowerCase() === labelZh.toLowerCase()) throw fieldError('labelZh', 'Another reason has this label')
    throw fieldError('labelEn', 'Another reason has this label')
  }

  return {
    async list(_ctx: RequestContext, activeOnly = false) {
      return { items: (await repo.listLostReasons(db, activeOnly)).map(toLostReason) }
    },

    async create(ctx: RequestContext, input: LostReasonCreate): Promise<LostReason> {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const all = await repo.lockLostReasons(trx)
        await assertUniqueLabels(trx, input.labelZh, input.labelEn, null)
        const id = newId()
        const position = input.position ?? all.length + 1
        await repo.insertLostReason(trx, { id, key: null, labelZh: input.labelZh, labelEn: input.labelEn, position: all.length + 1, active: input.active, requiresNote: input.requiresNote, createdBy: ctx.actor.userId })
        const row = (await repo.findLostReason(trx, id))!
        const events = await renumber(trx, placed(all, row, position))
        const created = toLostReason((await repo.findLostReason(trx, id))!)
        const { id: _i, createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ...fields } = created
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'lost_reason', entityId: id, changes: changedFields({}, fields) }, ...events.filter((e) => e.entityId !== id)])
        return created
      })
    },

    async update(ctx: RequestContext, id: string, input: LostReasonUpdate): Promise<LostReason> {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const all = await repo.lockLostReasons(trx)
        const row = all.find((r) => r.id === id)
        if (!row) throw new AppError('LOST_REASON_NOT_FOUND')
        const current = toLostReason(row)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This lost reason was changed by someone else since you loaded it', { current })
        }
        const { version: _v, position, ...rest } = input
        if (row.key === 'other' && (rest.active === false || rest.requiresNote === false)) {
          throw fieldError(rest.active === false ? 'active' : 'requiresNote', '"Other" stays active and asks for a note: free text sent by API clients lands there')
        }
        await assertUniqueLabels(trx, rest.labelZh ?? row.labelZh, rest.labelEn ?? row.labelEn, id)
        const changes = changedFields(current, rest)
        const events: AuditEvent[] = []
        if (position !== undefined && position !== row.position) {
          const moved = await renumber(trx, placed(all, row, position))
          const own = moved.find((e) => e.entityId === id)
          if (own) Object.assign(changes, own.changes)
          events.push(...moved.filter((e) => e.entityId !== id))
        }
        if (Object.keys(changes).length === 0) return current
        await repo.updateLostReason(trx, id, rest)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'lost_reason', entityId: id, changes }, ...events])
        return toLostReason((await repo.findLostReason(trx, id))!)
      })
    },

    /**
     * The reason and note of a deal being lost. `reasonId` is checked (an inactive reason only when
     * the deal already has it); a legacy free-text `lostReason` becomes the reason whose label it
     * is, or "other" with the text as the note. Null when nothing was given.
     */
    async resolve(trx: Executor, given: { reasonId?: string | null; note?: string | null; text?: string | null }, keep: string | null): Promise<LostChoice | null> {
      const note = given.note ?? null
      if (given.reasonId) {
        const r = await repo.findLostReason(trx, given.reasonId)
        if (!r || (!r.active && r.id !== keep)) throw fieldError('lostReasonId', 'No such lost reason (or it is no longer used)')
        if (r.requiresNote && !note) throw fieldError('lostNote', 'Say what the reason was')
        return { reasonId: r.id, note }
      }
      if (given.text) {
        const byLabel = await repo.findLostReasonByLabel(trx, given.text)
        if (byLabel && !byLabel.requiresNote) return { reasonId: byLabel.id, note }
        const other = (await repo.findLostReasonByKey(trx, 'other'))!
        return { reasonId: other.id, note: note ?? given.text }
      }
      if (note) throw fieldError('lostReasonId', 'Choose a reason for the note')
      return null
    },
  }
}

export type LostReasonService = ReturnType<typeof createLostReasonService>
