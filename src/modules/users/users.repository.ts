import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import type { UsersTable } from './users.table'
import type { Insertable, Updateable } from 'kysely'
import { afterCondition, orderBy, type Keyset } from '../../db/keyset'
import { escapeLike } from '../../lib/text'
import type { Role } from '../../server/context'

const columns = [
  'id', 'email', 'name', 'role', 'teamId', 'active', 'locale', 'timeZone',
  'createdAt', 'updatedAt', 'createdBy', 'version', 'deletedAt',
] as const

export const findUserById = (db: Executor, id: string, forUpdate = false) => {
  const q = db.selectFrom('users').select(columns).where('id', '=', id)
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst()
}

export const findUserForLogin = (db: Executor, email: string) =>
  db
    .selectFrom('users')
    .select([...columns, 'passwordHash'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()

export const findUserZone = async (db: Executor, id: string) =>
  (await db.selectFrom('users').select('timeZone').where('id', '=', id).executeTakeFirst())?.timeZone ?? null

export const findPasswordHash = (db: Executor, id: string) =>
  db.selectFrom('users').select('passwordHash').where('id', '=', id).executeTakeFirst()

export const emailInUse = async (db: Executor, email: string, exceptId?: string) => {
  let q = db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email.toLowerCase())
  if (exceptId) q = q.where('id', '!=', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export const countUsers = async (db: Executor) =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

/**
 * Locks the active admins and returns how many there are. Locked in id order, so two admins
 * demoting each other at once queue here (the second then sees one admin left) instead of both
 * counting two, or deadlocking.
 */
export const lockActiveAdmins = async (db: Executor) =>
  (
    await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .where('deletedAt', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute()
  ).length

export const insertUser = (db: Executor, row: Insertable<UsersTable>) =>
  db.insertInto('users').values(row).returning(columns).executeTakeFirstOrThrow()

export const updateUser = (db: Executor, id: string, patch: Updateable<UsersTable>) =>
  db
    .updateTable('users')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow()

export interface UserFilter {
  q?: string | null
  role?: Role
  teamId?: string
  active?: boolean
  limit: number
  keyset: Keyset
}

export async function listUsers(db: Executor, f: UserFilter) {
  let q = db.selectFrom('users as u').select(columns.map((c) => `u.${c}` as const)).where('u.deletedAt', 'is', null)
  if (f.q) {
    const like = `%${escapeLike(f.q.toLowerCase())}%`
    q = q.where((eb) => eb.or([eb(sql`lower(u.name)`, 'like', like), eb(sql`lower(u.email)`, 'like', like)]))
  }
  if (f.role) q = q.where('u.role', '=', f.role)
  if (f.teamId) q = q.where('u.teamId', '=', f.teamId)
  if (f.active !== undefined) q = q.where('u.active', '=', f.active)
  const after = afterCondition(f.keyset, 'u.id')
  if (after) q = q.where(after)
  return q.orderBy(orderBy(f.keyset, 'u.id')).limit(f.limit + 1).execute()
}

/** Active users of a team with this role, in id order (the order of a round-robin rotation). */
export const listActiveMembers = (db: Executor, teamId: string, role: Role) =>
  db
    .selectFrom('users')
    .select(['id', 'teamId'])
    .where('teamId', '=', teamId)
    .where('role', '=', role)
    .where('active', '=', true)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute()

export type UserRow = Awaited<ReturnType<typeof insertUser>>
