import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import * as repo from './teams.repository'
import type { Team, TeamCreate, TeamUpdate } from './teams.schema'

const toTeam = (r: repo.TeamRow, memberCount: number): Team => ({
  id: r.id,
  name: r.name,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  memberCount,
})

export function createTeamService({ db }: { db: Db }) {
  return {
    async list(_ctx: RequestContext) {
      const rows = await repo.listTeams(db)
      return { items: rows.map((r) => toTeam(r, Number(r.memberCount ?? 0))), nextCursor: null }
    },

    async get(_ctx: RequestContext, id: string) {
      const row = await repo.findTeamById(db, id)
      if (!row) throw new AppError('TEAM_NOT_FOUND')
      return toTeam(row, await repo.countMembers(db, id))
    },

    async create(ctx: RequestContext, input: TeamCreate) {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        if (await repo.teamNameInUse(trx, input.name)) throw new AppError('TEAM_NAME_TAKEN')
        const row = await repo.insertTeam(trx, { id: newId(), name: input.name, createdBy: ctx.actor.userId })
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'team', entityId: row.id, changes: { name: row.name } }])
        return toTeam(row, 0)
      })
    },

    async update(ctx: RequestContext, id: string, input: TeamUpdate) {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const current = await repo.findTeamById(trx, id, true)
        if (!current) throw new AppError('TEAM_NOT_FOUND')
        const members = await repo.countMembers(trx, id)
        if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', undefined, { current: toTeam(current, members) })
        if (await repo.teamNameInUse(trx, input.name, id)) throw new AppError('TEAM_NAME_TAKEN')
        const row = await repo.renameTeam(trx, id, input.name)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'team', entityId: id, changes: { name: { before: current.name, after: row.name } } }])
        return toTeam(row, members)
      })
    },

    async remove(ctx: RequestContext, id: string) {
      assertRole(ctx.actor, 'admin')
      await db.transaction().execute(async (trx) => {
        const current = await repo.findTeamById(trx, id, true)
        if (!current) throw new AppError('TEAM_NOT_FOUND')
        if ((await repo.countMembers(trx, id)) > 0) throw new AppError('TEAM_NOT_EMPTY', 'Move the members to another team first')
        await repo.softDeleteTeam(trx, id)
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'team', entityId: id }])
      })
    },
  }
}

export type TeamService = ReturnType<typeof createTeamService>
