import type { Db, Executor } from '../../db/database'
import { finishPage, parseKeyset } from '../../db/keyset'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext, Role } from '../../server/context'
import { recordAudit, recordAuditBatch, type AuditEvent } from '../audit/audit.service'
import type { TeamFollower } from '../../db/owner-team'
import { hashPassword } from '../auth/passwords'
import { assertPasswordPolicy } from '../auth/password-policy'
import { revokeTokensOfUser } from '../api-tokens/api-tokens.repository'
import { findTeamById } from '../teams/teams.repository'
import { deleteSessionsOfUser } from '../auth/sessions.repository'
import * as repo from './users.repository'
import type { ProfileUpdate, User, UserCreate, UserListQuery, UserUpdate } from './users.schema'
import type { SessionCache } from '../auth/session-cache'
import { companyZone } from '../company/company.service'
import { isTimeZone } from '../../lib/time-zone'

/** A user's own zone where he set one, else the company's: his "today", and the times he is shown. */
export async function zoneOf(trx: Executor, userId: string | null | undefined): Promise<string> {
  const own = userId ? await repo.findUserZone(trx, userId) : null
  return own && isTimeZone(own) ? own : companyZone(trx)
}

export const toUser = (r: repo.UserRow): User => ({
  ...r,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

const sortKeys = { name: { column: 'u.name', type: 'text' as const } }

export function createUserService({ db, sessionCache, teamFollowers = [] }: { db: Db; sessionCache: SessionCache; teamFollowers?: TeamFollower[] }) {
  async function assertTeam(teamId: string | null | undefined) {
    if (teamId && !(await findTeamById(db, teamId))) {
      throw new AppError('VALIDATION_FAILED', 'teamId: no such team', { errors: [{ path: 'teamId', message: 'No such team' }] })
    }
  }

  async function getRow(id: string) {
    const row = await repo.findUserById(db, id)
    if (!row || row.deletedAt) throw new AppError('USER_NOT_FOUND')
    return row
  }

  return {
    /** Every signed-in user may list colleagues (owner pickers, assignment); only admins change them. */
    async list(_ctx: RequestContext, query: UserListQuery) {
      const keyset = parseKeyset(sortKeys, 'name', query.cursor)
      const rows = await repo.listUsers(db, { ...query, keyset })
      const page = finishPage(rows, query.limit, keyset, (r) => r.name)
      return { items: page.rows.map(toUser), nextCursor: page.nextCursor }
    },

    async get(_ctx: RequestContext, id: string) {
      return toUser(await getRow(id))
    },

    /** Also used by first-run set-up and the CLI, with a system actor or none. */
    async create(ctx: RequestContext | null, input: UserCreate): Promise<User> {
      if (ctx) assertRole(ctx.actor, 'admin')
      await assertTeam(input.teamId)
      await assertPasswordPolicy(db, input.password, input)
      const passwordHash = await hashPassword(input.password)
      return db.transaction().execute(async (trx) => {
        if (await repo.emailInUse(trx, input.email)) throw new AppError('EMAIL_TAKEN', `${input.email} already has an account`)
        const { password: _omit, ...fields } = input
        const row = await repo.insertUser(trx, {
          ...fields,
          id: newId(),
          teamId: input.teamId ?? null,
          locale: input.locale ?? null,
          timeZone: input.timeZone ?? null,
          passwordHash,
          createdBy: ctx?.actor.userId ?? null,
        })
        await recordAudit(trx, ctx ?? { actor: null, requestId: 'system' }, [
          { action: 'create', entity: 'user', entityId: row.id, changes: { email: row.email, role: row.role, teamId: row.teamId } },
        ])
        return toUser(row)
      })
    },

    async update(ctx: RequestContext, id: string, input: UserUpdate): Promise<User> {
      assertRole(ctx.actor, 'admin')
      await assertTeam(input.teamId)
      if (input.password) {
        const who = await getRow(id)
        await assertPasswordPolicy(db, input.password, { email: input.email ?? who.email, name: input.name ?? who.name })
      }
      const passwordHash = input.password ? await hashPassword(input.password) : undefined
      // Role, team and active flag ride along in cached sessions: drop them once the change commits.
      const updated = await db.transaction().execute(async (trx) => {
        const activeAdmins = await repo.lockActiveAdmins(trx) // before the user's own row: see lockActiveAdmins
        const current = await repo.findUserById(trx, id, true)
        if (!current || current.deletedAt) throw new AppError('USER_NOT_FOUND')
        if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', undefined, { current: toUser(current) })
        if (input.email && (await repo.emailInUse(trx, input.email, id))) throw new AppError('EMAIL_TAKEN')
        const { version: _v, password: _p, ...fields } = input
        const changes = changedFields(current, fields)
        const demotesAdmin = current.role === 'admin' && current.active && (('role' in changes) || fields.active === false)
        if (demotesAdmin && activeAdmins <= 1) {
          throw new AppError('VALIDATION_FAILED', 'Kith needs at least one active admin', { errors: [{ path: 'role' in changes ? 'role' : 'active', message: 'The last active admin cannot be demoted or deactivated' }] })
        }
        const row = await repo.updateUser(trx, id, { ...fields, ...(passwordHash ? { passwordHash } : {}) })
        // A reset password ends what the old one opened; a new role is taken up at the next sign-in, not mid-session.
        if (fields.active === false || passwordHash || 'role' in changes) await deleteSessionsOfUser(trx, id)
        if (passwordHash) await revokeTokensOfUser(trx, id)
        const moved: AuditEvent[] = []
        if ('teamId' in changes) {
          const teamId = fields.teamId ?? null
          for (const f of teamFollowers) {
            for (const r of await f.move(trx, id, teamId)) moved.push({ action: 'update', entity: f.entity, entityId: r.id, changes: { teamId: { before: r.before, after: teamId } } })
          }
        }
        await recordAuditBatch(trx, ctx, [
          { action: 'update', entity: 'user', entityId: id, changes: passwordHash ? { ...changes, password: { before: '***', after: '***' } } : changes },
          ...moved,
        ])
        return toUser(row)
      })
      sessionCache.forgetUser(id)
      return updated
    },

    /** Users are deactivated, not removed: their records and audit history keep their name. */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      assertRole(ctx.actor, 'admin')
      if (id === ctx.actor.userId) throw new AppError('FORBIDDEN', 'You cannot delete your own account')
      await db.transaction().execute(async (trx) => {
        const activeAdmins = await repo.lockActiveAdmins(trx)
        const current = await repo.findUserById(trx, id, true)
        if (!current || current.deletedAt) throw new AppError('USER_NOT_FOUND')
        if (current.role === 'admin' && current.active && activeAdmins <= 1) {
          throw new AppError('FORBIDDEN', 'The last active admin cannot be deleted')
        }
        await repo.updateUser(trx, id, { active: false, deletedAt: new Date() })
        await deleteSessionsOfUser(trx, id)
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'user', entityId: id }])
      })
      sessionCache.forgetUser(id)
    },

    async updateProfile(ctx: RequestContext, input: ProfileUpdate): Promise<User> {
      return db.transaction().execute(async (trx) => {
        const current = await repo.findUserById(trx, ctx.actor.userId, true)
        if (!current) throw new AppError('USER_NOT_FOUND')
        const changes = changedFields(current, input)
        if (Object.keys(changes).length === 0) return toUser(current)
        const row = await repo.updateUser(trx, current.id, input)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'user', entityId: current.id, changes }])
        return toUser(row)
      })
    },

    /** Active users of a team with this role, in id order: the rotation of a round-robin assignment. */
    activeMembers(teamId: string, role: Role, trx: Executor = db) {
      return repo.listActiveMembers(trx, teamId, role)
    },

    /** For services that assign records: the candidate owner, or a 400 naming the field. */
    async ownerCandidate(id: string, trx: Executor = db) {
      const row = await repo.findUserById(trx, id)
      if (!row || row.deletedAt) {
        throw new AppError('VALIDATION_FAILED', 'ownerId: no such user', { errors: [{ path: 'ownerId', message: 'No such user' }] })
      }
      return row
    },
  }
}

export type UserService = ReturnType<typeof createUserService>
