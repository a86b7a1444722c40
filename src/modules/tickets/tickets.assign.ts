import type { Db, Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import { validationError, type FieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import * as repo from './tickets.repository'
import * as rules from './tickets.rules.repository'
import type { AssignmentRule, AssignmentRuleInput } from './tickets.settings.schema'
import type { TicketPriority, TicketType } from './tickets.table'

const toRule = (r: rules.RuleRow): AssignmentRule => ({
  id: r.id,
  position: r.position,
  name: r.name,
  type: r.matchType,
  priority: r.matchPriority,
  customerTeamId: r.matchTeamId,
  assigneeIds: r.assigneeIds,
  strategy: r.strategy,
  active: r.active,
})

type UserRow = Awaited<ReturnType<typeof rules.findUsers>>[number]
const isActiveSupport = (u: UserRow | undefined) => !!u && u.role === 'support' && u.active && !u.deletedAt

/** Why this user cannot take tickets, or null when he can. */
const unfit = (u: UserRow | undefined) =>
  !u || u.deletedAt ? 'No such user' : u.role !== 'support' ? 'Not a support user' : !u.active ? 'The user is inactive' : null

/**
 * The next user in the pool's configured order after `last`, among those who may take tickets
 * now (inactive or re-roled members are skipped, not removed: they come back when reactivated).
 */
function after(pool: string[], eligible: Set<string>, last: string | null): string[] {
  const start = last ? pool.indexOf(last) + 1 : 0
  const rotated = [...pool.slice(start), ...pool.slice(0, start)]
  return rotated.filter((id) => eligible.has(id))
}

export interface TicketFacts {
  type: TicketType
  priority: TicketPriority
  /** The team that owns the ticket's customer. */
  customerTeamId: string | null
}

export function createTicketAssignment({ db }: { db: Db }) {
  return {
    /** The user a support lead may assign: an active support user, or a 400 on `assigneeId`. */
    async assignee(trx: Executor, id: string) {
      const [u] = await rules.findUsers(trx, [id])
      const problem = unfit(u)
      if (problem) throw validationError([{ path: 'assigneeId', message: problem }])
      return u!
    },

    /**
     * Automatic assignment: the first active rule that matches the ticket deals it to its pool.
     * The rule row stays locked until the caller's transaction commits, so concurrent tickets
     * take turns and neither rotation nor workload counts see a half-made choice. A rule whose
     * pool has nobody available passes the ticket on to the next rule; none left = unassigned.
     */
    async pick(trx: Executor, facts: TicketFacts): Promise<string | null> {
      const all = await rules.listRules(trx)
      for (const candidate of all) {
        if (!candidate.active) continue
        if (candidate.matchType && candidate.matchType !== facts.type) continue
        if (candidate.matchPriority && candidate.matchPriority !== facts.priority) continue
        if (candidate.matchTeamId && candidate.matchTeamId !== facts.customerTeamId) continue
        const rule = await rules.lockRule(trx, candidate.id)
        if (!rule || !rule.active) continue
        const users = await rules.findUsers(trx, rule.assigneeIds)
        const eligible = new Set(users.filter(isActiveSupport).map((u) => u.id))
        const order = after(rule.assigneeIds, eligible, rule.lastAssigneeId)
        if (order.length === 0) continue
        let chosen = order[0]!
        if (rule.strategy === 'least_loaded') {
          const load = await repo.workload(trx, order)
          // The fewest open tickets; ties go round the pool from the last pick, so equals alternate.
          chosen = order.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), chosen)
        }
        await rules.moveRotation(trx, rule.id, chosen)
        return chosen
      }
      return null
    },

    async listRules(ctx: RequestContext) {
      assertRole(ctx.actor, 'admin', 'manager')
      return { items: (await rules.listRules(db)).map(toRule) }
    },

    /** Replaces the ordered list (admin). A kept rule keeps its rotation while its pool does. */
    async putRules(ctx: RequestContext, items: AssignmentRuleInput[]) {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const before = await rules.lockAllRules(trx)
        const known = new Map(before.map((r) => [r.id, r]))
        const errors: FieldError[] = []
        const users = new Map((await rules.findUsers(trx, [...new Set(items.flatMap((i) => i.assigneeIds))])).map((u) => [u.id, u]))
        const teamIds = [...new Set(items.map((i) => i.customerTeamId).filter((x): x is string => !!x))]
        const teams = new Set((await rules.findTeams(trx, teamIds)).map((t) => t.id))
        items.forEach((item, i) => {
          if (item.id && !known.has(item.id)) errors.push({ path: `items.${i}.id`, message: 'No such rule' })
          if (item.customerTeamId && !teams.has(item.customerTeamId)) errors.push({ path: `items.${i}.customerTeamId`, message: 'No such team' })
          if (new Set(item.assigneeIds).size !== item.assigneeIds.length) errors.push({ path: `items.${i}.assigneeIds`, message: 'A user appears twice' })
          item.assigneeIds.forEach((id, k) => {
            const problem = unfit(users.get(id))
            if (problem) errors.push({ path: `items.${i}.assigneeIds.${k}`, message: problem })
          })
        })
        const ids = items.map((i) => i.id).filter(Boolean)
        if (new Set(ids).size !== ids.length) errors.push({ path: 'items', message: 'A rule appears twice' })
        if (errors.length) throw validationError(errors)
        const rows = items.map((item, position) => {
          const old = item.id ? known.get(item.id) : undefined
          const keepRotation = old && old.lastAssigneeId && item.assigneeIds.includes(old.lastAssigneeId)
          return {
            id: item.id ?? newId(),
            position,
            name: item.name,
            matchType: item.type,
            matchPriority: item.priority,
            matchTeamId: item.customerTeamId,
            assigneeIds: item.assigneeIds,
            strategy: item.strategy,
            active: item.active,
            lastAssigneeId: keepRotation ? old.lastAssigneeId : null,
          }
        })
        await rules.deleteRulesExcept(trx, rows.map((r) => r.id))
        await rules.upsertRules(trx, rows)
        const after = await rules.listRules(trx)
        await recordAudit(trx, ctx, [{
          action: 'update',
          entity: 'ticket_assignment_rules',
          entityId: null,
          changes: { rules: { before: before.map(toRule), after: after.map(toRule) } },
        }])
        return { items: after.map(toRule) }
      })
    },
  }
}

export type TicketAssignment = ReturnType<typeof createTicketAssignment>
