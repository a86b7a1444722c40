import { v5 as uuidv5 } from 'uuid'
import type { Db, Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { AppError } from '../../server/errors'
import { assertAccess, assertCanAssign, assertRole, scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit, type AuditService } from '../audit/audit.service'
import type { UserService } from '../users/users.service'
import type { StageService } from '../pipeline-stages/pipeline-stages.service'
import * as repo from './opportunities.repository'
import { moneyOut } from './opportunities.money'
import { dealDocuments, followDeals } from './opportunities.followers'
import { monthRange, toOpportunity, toOpportunityFields } from './opportunities.model'
import type { Assign, BoardQuery } from './opportunities.schema'

const HISTORY_FIELDS = ['stage', 'ownerId', 'amount'] as const
const text = (v: unknown) => (v === null || v === undefined ? null : String(v))

/** Board order inside a column: expected close date (none last), then id, as the indexes read it. */
const byCloseDate = (a: repo.OpportunityRow, b: repo.OpportunityRow) =>
  (a.expectedCloseDate ?? '9999-12-31~').localeCompare(b.expectedCloseDate ?? '9999-12-31~') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

interface PipelineDeps {
  db: Db
  stages: StageService
  audit: AuditService
  users: UserService
  visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx?: Executor): Promise<repo.OpportunityRow>
}

/** The pipeline views of the deals (board, history) and bulk assignment. */
export function createPipelineFunctions({ db, stages, audit, users, visible }: PipelineDeps) {
  return {
    /**
     * One column per live stage with the count and exact per-currency totals of the deals the
     * caller may see, and the first `perStage` of them: two queries whatever the number of stages.
     */
    async board(ctx: RequestContext, query: BoardQuery) {
      const live = await stages.all()
      const filter = { scope: scopeFor(ctx.actor, 'read'), ownerId: query.ownerId, teamId: query.teamId, closeMonth: monthRange(query.closeMonth) }
      const [totals, items] = await Promise.all([
        repo.boardTotals(db, filter),
        repo.boardItems(db, { ...filter, stages: live.map((s) => s.key), perStage: query.perStage }),
      ])
      return {
        columns: live.map((s) => {
          const sums = totals.filter((t) => t.stage === s.key).sort((a, b) => a.currency.localeCompare(b.currency))
          return {
            stage: s.key,
            count: sums.reduce((n, t) => n + Number(t.n), 0),
            totals: sums.map((t) => ({ currency: t.currency, amount: moneyOut(t.total, t.currency) })),
            items: items.filter((i) => i.stage === s.key).sort(byCloseDate).map(toOpportunityFields),
          }
        }),
      }
    },

    /** Creation, stage, owner and amount changes, newest first, read from the audit log. */
    async history(ctx: RequestContext, id: string) {
      await visible(ctx, id, 'read')
      const rows = await audit.changesOf('opportunity', id, [...HISTORY_FIELDS])
      return {
        items: rows.flatMap((r) => {
          const changes = (r.changes ?? {}) as Record<string, { before?: unknown; after?: unknown } | undefined>
          const entry = (field: 'created' | (typeof HISTORY_FIELDS)[number], before: unknown, after: unknown) => ({
            id: uuidv5(field, r.id), at: r.at, actorId: r.actorId, actorName: r.actorName, field, before: text(before), after: text(after),
          })
          if (r.action === 'create') return [entry('created', null, changes.stage?.after)]
          return HISTORY_FIELDS.filter((f) => changes[f]).map((f) => entry(f, changes[f]!.before, changes[f]!.after))
        }),
      }
    },

    /**
     * Hands deals to one owner in one transaction (manager: his team's deals to his team's users;
     * admin: any). Any deal the caller may not change, or an owner he may not pick, refuses the
     * whole request; each change is audited.
     */
    async assign(ctx: RequestContext, input: Assign) {
      assertRole(ctx.actor, 'admin', 'manager')
      const ids = [...new Set(input.ids)]
      return db.transaction().execute(async (trx) => {
        const candidate = await users.ownerCandidate(input.ownerId, trx)
        assertCanAssign(ctx.actor, candidate)
        const rows = await repo.lockOpportunities(trx, ids)
        const byId = new Map(rows.map((r) => [r.id, r]))
        for (const id of ids) {
          const row = byId.get(id)
          if (!row || row.deletedAt) throw new AppError('OPPORTUNITY_NOT_FOUND', `No opportunity ${id}`)
          assertAccess(ctx.actor, row, 'write', 'OPPORTUNITY_NOT_FOUND')
        }
        const target = { ownerId: candidate.id, teamId: candidate.teamId }
        const changing = rows.filter((r) => r.ownerId !== target.ownerId || r.teamId !== target.teamId)
        await repo.reassign(trx, changing.map((r) => r.id), target)
        const followed = await followDeals(trx, dealDocuments, changing.map((r) => r.id))
        await recordAudit(trx, ctx, [
          ...changing.map((r) => ({ action: 'update', entity: 'opportunity', entityId: r.id, changes: changedFields({ ownerId: r.ownerId, teamId: r.teamId }, target) })),
          ...followed,
        ])
        const after = await repo.findOpportunitiesByIds(trx, ids)
        const lines = await repo.linesOf(trx, ids)
        const order = new Map(ids.map((id, i) => [id, i]))
        after.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
        return { items: after.map((r) => toOpportunity(r, lines.filter((l) => l.opportunityId === r.id))) }
      })
    },
  }
}
