import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { TeamsTable } from './teams.table'

const columns = ['id', 'name', 'createdAt', 'updatedAt', 'createdBy', 'version', 'deletedAt'] as const

export const findTeamById = (db: Executor, id: string, forUpdate = false) => {
  const q = db.selectFrom('teams').select(columns).where('id', '=', id).where('deletedAt', 'is', null)
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst()
}

export const teamNameInUse = async (db: Executor, name: string, exceptId?: string) => {
  let q = db.selectFrom('teams').select('id').where(sql`lower(name)`, '=', name.toLowerCase()).where('deletedAt', 'is', null)
  if (exceptId) q = q.where('id', '!=', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export const insertTeam = (db: Executor, row: Insertable<TeamsTable>) =>
  db.insertInto('teams').values(row).returning(columns).executeTakeFirstOrThrow()

export const renameTeam = (db: Executor, id: string, name: string) =>
  db
    .updateTable('teams')
    .set({ name, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow()

export const softDeleteTeam = (db: Executor, id: string) =>
  db.updateTable('teams').set({ deletedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

export const countMembers = async (db: Executor, id: string) =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('teamId', '=', id)
        .where('deletedAt', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Teams are few (one per sales group), so the list is one query with member counts. */
export const listTeams = (db: Executor) =>
  db
    .selectFrom('teams as t')
    .select(columns.map((c) => `t.${c}` as const))
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('u.teamId', '=', 't.id')
        .where('u.deletedAt', 'is', null)
        .as('memberCount'),
    )
    .where('t.deletedAt', 'is', null)
    .orderBy('t.name')
    .execute()

export type TeamRow = Awaited<ReturnType<typeof insertTeam>>
