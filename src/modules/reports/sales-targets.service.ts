import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { assertRole } from '../../server/permissions'
import { recordAudit } from '../audit/audit.service'
import type { UserService } from '../users/users.service'
import * as repo from './sales-targets.repository'
import type { SalesTarget, SalesTargetPut } from './reports.schema'

type Row = Awaited<ReturnType<typeof repo.insertTarget>>
const toTarget = (r: Row): SalesTarget => ({ ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) })

/** Monthly targets: an admin sets any; a manager those of his team and its members. */
export function createSalesTargetService({ db, users }: { db: Db; users: UserService }) {
  async function assertMay(ctx: RequestContext, input: { ownerId: string | null; teamId: string | null }) {
    assertRole(ctx.actor, 'admin', 'manager')
    if (ctx.actor.role === 'admin') return
    if (input.teamId && input.teamId === ctx.actor.teamId) return
    if (input.ownerId) {
      const owner = await users.get(ctx, input.ownerId).catch(() => null)
      if (owner && owner.teamId && owner.teamId === ctx.actor.teamId) return
    }
    throw new AppError('FORBIDDEN', 'A manager sets the targets of his own team and its members')
  }

  return {
    async put(ctx: RequestContext, input: SalesTargetPut): Promise<SalesTarget> {
      await assertMay(ctx, input)
      const month = `${input.month}-01`
      return db.transaction().execute(async (trx) => {
        const current = await repo.findTarget(trx, month, input.ownerId, input.teamId, input.currency)
        if (current && input.version !== undefined && current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', undefined, { current: toTarget(current) })
        }
        const row = current
          ? await repo.updateTargetAmount(trx, current.id, input.amount)
          : await repo.insertTarget(trx, { id: newId(), month, ownerId: input.ownerId, teamId: input.teamId, amount: input.amount, currency: input.currency, createdBy: ctx.actor.userId })
        await recordAudit(trx, ctx, [{ action: current ? 'update' : 'create', entity: 'sales_target', entityId: row.id, changes: { amount: { before: current?.amount ?? null, after: row.amount } } }])
        return toTarget(row)
      })
    },

    async list(ctx: RequestContext, q: { from?: string; to?: string }): Promise<SalesTarget[]> {
      assertRole(ctx.actor, 'admin', 'manager', 'sales')
      const year = new Date().getUTCFullYear()
      const from = `${q.from ?? `${year}-01`}-01`
      const to = `${q.to ?? `${year}-12`}-01`
      const scope = ctx.actor.role === 'admin' ? {} : ctx.actor.role === 'manager' ? { teamId: ctx.actor.teamId } : { ownerId: ctx.actor.userId }
      if (ctx.actor.role === 'manager' && !ctx.actor.teamId) return []
      return (await repo.listTargets(db, { from, to, ...scope })).map(toTarget)
    },
  }
}

export type SalesTargetService = ReturnType<typeof createSalesTargetService>
