import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { findTeamById } from '../teams/teams.repository'
import type { UserService } from '../users/users.service'

/** The round-robin rule for new unowned leads, kept in `settings` under this key. */
export const ROUTING_KEY = 'lead_routing'

interface RoutingSetting {
  enabled: boolean
  teamId: string | null
  /** Who got the last lead: the rotation continues after him (in id order). */
  lastAssigneeId: string | null
}

const OFF: RoutingSetting = { enabled: false, teamId: null, lastAssigneeId: null }

/**
 * Round-robin assignment of new leads within one team. The setting row is locked (FOR UPDATE)
 * while the next assignee is chosen and stored, so concurrent submissions queue there and never
 * deal to the same person twice in a row; the lock is held until the lead's transaction commits.
 */
export function createLeadRouting({ db, users }: { db: Db; users: UserService }) {
  return {
    async get(ctx: RequestContext) {
      assertRole(ctx.actor, 'admin', 'manager')
      const s = (await getSetting<RoutingSetting>(db, ROUTING_KEY)) ?? OFF
      return { enabled: s.enabled, teamId: s.teamId }
    },

    async put(ctx: RequestContext, input: { enabled: boolean; teamId: string | null }) {
      assertRole(ctx.actor, 'admin')
      if (input.enabled && !input.teamId) throw fieldError('teamId', 'Choose the team whose sales users get the new leads')
      if (input.teamId && !(await findTeamById(db, input.teamId))) throw fieldError('teamId', 'No such team')
      return db.transaction().execute(async (trx) => {
        const before = (await lockSetting<RoutingSetting>(trx, ROUTING_KEY)) ?? OFF
        const next: RoutingSetting = {
          enabled: input.enabled,
          teamId: input.teamId,
          lastAssigneeId: before.teamId === input.teamId ? before.lastAssigneeId : null,
        }
        await putSetting(trx, ROUTING_KEY, next)
        await recordAudit(trx, ctx, [{
          action: 'update',
          entity: 'lead_routing',
          entityId: null,
          changes: {
            enabled: { before: before.enabled, after: next.enabled },
            teamId: { before: before.teamId, after: next.teamId },
          },
        }])
        return { enabled: next.enabled, teamId: next.teamId }
      })
    },

    /**
     * The owner of the next unowned lead, or null when the rule is off or the team has no active
     * sales user. Call it inside the transaction that inserts the lead.
     */
    async next(trx: Executor): Promise<{ ownerId: string; teamId: string | null } | null> {
      const s = await lockSetting<RoutingSetting>(trx, ROUTING_KEY)
      if (!s?.enabled || !s.teamId) return null
      const members = await users.activeMembers(s.teamId, 'sales', trx)
      if (members.length === 0) return null
      const last = s.lastAssigneeId
      const chosen = (last ? members.find((m) => m.id > last) : undefined) ?? members[0]!
      await putSetting(trx, ROUTING_KEY, { ...s, lastAssigneeId: chosen.id })
      return { ownerId: chosen.id, teamId: chosen.teamId }
    },

    async enabled(trx: Executor = db) {
      return ((await getSetting<RoutingSetting>(trx, ROUTING_KEY)) ?? OFF).enabled
    },
  }
}

export type LeadRouting = ReturnType<typeof createLeadRouting>

export const routingOff = () => new AppError('FORBIDDEN', 'Only an admin may leave a lead without owner while round-robin assignment is off')
