import type { Db, Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit, type AuditEvent } from '../audit/audit.service'
import * as repo from './pipeline-stages.repository'
import type { Stage, StageCreate, StageUpdate } from './pipeline-stages.schema'

export type StageRow = repo.StageRow
type Placed = Pick<StageRow, 'id' | 'position'>

/**
 * A module whose records sit in a stage (opportunities). A stage that live records use is not
 * deleted, and its kind does not change under them.
 */
export interface StageUsage {
  name: string
  countInStage(trx: Executor, key: string): Promise<number>
}

export const toStage = ({ deletedAt: _d, ...r }: StageRow): Stage => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })

const PIPELINE_RULE = 'The pipeline needs at least one open stage, exactly one won stage and at least one lost stage'

/** The rules every change of the pipeline must keep. */
function assertPipeline(stages: Pick<StageRow, 'kind'>[]): void {
  const count = (kind: StageRow['kind']) => stages.filter((s) => s.kind === kind).length
  if (count('open') < 1 || count('won') !== 1 || count('lost') < 1) throw new AppError('STAGE_KIND_CONFLICT', PIPELINE_RULE)
}

/** A unique index refused the write: the key is taken, or a second won stage raced in. */
function uniqueViolation(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; message?: string }
  if (e?.code !== '23505') return null
  const which = `${e.constraint ?? ''} ${e.message ?? ''}`
  if (which.includes('pipeline_stages_one_won')) return new AppError('STAGE_KIND_CONFLICT', PIPELINE_RULE)
  return new AppError('STAGE_KEY_TAKEN')
}

/**
 * Admin-configurable, ordered sales stages. Positions are kept 1…n in board order; every change
 * locks the live stages first, so two admins cannot both pass a rule check (say, both deleting
 * one of the two lost stages).
 */
export function createStageService({ db, usages = [] }: { db: Db; usages?: StageUsage[] }) {
  /** Lock, then read again: the second statement sees stages another admin added while we waited. */
  async function lockedStages(trx: Executor) {
    await repo.lockStages(trx)
    return repo.listStages(trx)
  }

  const inUse = async (trx: Executor, key: string) => {
    let n = 0
    for (const u of usages) n += await u.countInStage(trx, key)
    return n
  }

  /**
   * Writes positions 1…n in this order for the stages whose position changes (except `skip`,
   * which the caller writes with its own change) and returns their audit events.
   */
  async function renumber(trx: Executor, ordered: Placed[], skip?: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = []
    for (const [i, s] of ordered.entries()) {
      if (s.position === i + 1 || s.id === skip) continue
      await repo.updateStage(trx, s.id, { position: i + 1 })
      events.push({ action: 'update', entity: 'pipeline_stage', entityId: s.id, changes: { position: { before: s.position, after: i + 1 } } })
    }
    return events
  }

  /** The order with `moved` at the 1-based `position` (clamped), the others keeping their order. */
  const placed = (stages: Placed[], moved: Placed, position: number): Placed[] => {
    const others = stages.filter((s) => s.id !== moved.id)
    const at = Math.max(0, Math.min(position - 1, others.length))
    return [...others.slice(0, at), moved, ...others.slice(at)]
  }

  async function live(trx: Executor, key: string) {
    const row = await repo.findStageByKey(trx, key)
    if (!row) throw new AppError('STAGE_NOT_FOUND')
    return row
  }

  const write = async <T>(fn: (trx: Executor) => Promise<T>): Promise<T> => {
    try {
      return await db.transaction().execute(fn)
    } catch (err) {
      throw uniqueViolation(err) ?? err
    }
  }

  return {
    /** For other services, inside their transaction: the live stages in board order. */
    all: (trx: Executor = db) => repo.listStages(trx),

    /** For other services: a live stage, share-locked in their transaction (see findStageForShare). */
    lookup: (trx: Executor, key: string) => repo.findStageForShare(trx, key),

    async list(_ctx: RequestContext) {
      return { items: (await repo.listStages(db)).map(toStage) }
    },

    async get(_ctx: RequestContext, key: string) {
      return toStage(await live(db, key))
    },

    async create(ctx: RequestContext, input: StageCreate): Promise<Stage> {
      assertRole(ctx.actor, 'admin')
      return write(async (trx) => {
        const stages = await lockedStages(trx)
        if (stages.some((s) => s.key === input.key)) throw new AppError('STAGE_KEY_TAKEN', `A stage with the key ${input.key} exists`)
        assertPipeline([...stages, { kind: input.kind }])
        const id = newId()
        const { position, ...fields } = input
        const fresh = { id, position: 0 }
        const order = placed(stages, fresh, position ?? stages.length + 1)
        const events = await renumber(trx, order, id)
        await repo.insertStage(trx, { ...fields, nameEn: input.nameEn ?? null, id, position: order.indexOf(fresh) + 1, createdBy: ctx.actor.userId })
        const result = toStage((await repo.findStageByKey(trx, input.key))!)
        const { key, name, nameEn, probability, kind } = result
        await recordAudit(trx, ctx, [
          { action: 'create', entity: 'pipeline_stage', entityId: id, changes: changedFields({}, { key, name, nameEn, probability, kind, position: result.position }) },
          ...events,
        ])
        return result
      })
    },

    async update(ctx: RequestContext, key: string, input: StageUpdate): Promise<Stage> {
      assertRole(ctx.actor, 'admin')
      return write(async (trx) => {
        const stages = await lockedStages(trx)
        const current = stages.find((s) => s.key === key)
        if (!current) throw new AppError('STAGE_NOT_FOUND')
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This stage was changed by someone else since you loaded it', { current: toStage(current) })
        }
        const { version: _v, position, ...patch } = input
        if (patch.kind !== undefined && patch.kind !== current.kind) {
          const n = await inUse(trx, key)
          if (n > 0) throw new AppError('STAGE_IN_USE', `${n} opportunities are in this stage: move them before changing its kind`)
          assertPipeline(stages.map((s) => (s.id === current.id ? { kind: patch.kind! } : s)))
        }
        const changes = changedFields(toStage(current), patch)
        const order = position === undefined ? stages : placed(stages, current, position)
        const newPosition = order.indexOf(current) + 1
        if (newPosition !== current.position) changes.position = { before: current.position, after: newPosition }
        if (Object.keys(changes).length === 0) return toStage(current)
        const events = await renumber(trx, order, current.id)
        await repo.updateStage(trx, current.id, { ...patch, position: newPosition })
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'pipeline_stage', entityId: current.id, changes }, ...events])
        return toStage((await repo.findStageByKey(trx, key))!)
      })
    },

    async remove(ctx: RequestContext, key: string): Promise<void> {
      assertRole(ctx.actor, 'admin')
      await write(async (trx) => {
        const stages = await lockedStages(trx)
        const current = stages.find((s) => s.key === key)
        if (!current) throw new AppError('STAGE_NOT_FOUND')
        const n = await inUse(trx, key)
        if (n > 0) throw new AppError('STAGE_IN_USE', `${n} opportunities are in this stage: move them to another stage first`)
        const rest = stages.filter((s) => s.id !== current.id)
        assertPipeline(rest)
        await repo.updateStage(trx, current.id, { deletedAt: new Date() })
        const events = await renumber(trx, rest)
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'pipeline_stage', entityId: current.id, changes: { key: current.key } }, ...events])
      })
    },

    /** Puts the stages in this order; `keys` must name every live stage once. */
    async reorder(ctx: RequestContext, keys: string[]) {
      assertRole(ctx.actor, 'admin')
      return write(async (trx) => {
        const stages = await lockedStages(trx)
        const byKey = new Map(stages.map((s) => [s.key, s]))
        const unknown = keys.filter((k) => !byKey.has(k))
        if (unknown.length) throw fieldError('keys', `No such stage: ${unknown.join(', ')}`)
        if (new Set(keys).size !== keys.length) throw fieldError('keys', 'Each stage may appear only once')
        if (keys.length !== stages.length) throw fieldError('keys', `Name every stage once (missing: ${stages.filter((s) => !keys.includes(s.key)).map((s) => s.key).join(', ')})`)
        const events = await renumber(trx, keys.map((k) => byKey.get(k)!))
        await recordAudit(trx, ctx, events)
        return { items: (await repo.listStages(trx)).map(toStage) }
      })
    },
  }
}

export type StageService = ReturnType<typeof createStageService>
