import { sql } from 'kysely'
import type { Executor } from '../../db/database'

/** Users named by e-mail or name, deleted ones too (an e-mail stays taken). */
export const findUsers = (db: Executor, keys: string[]) =>
  keys.length === 0
    ? Promise.resolve([])
    : db.selectFrom('users').select(['id', 'email', 'name', 'role', 'teamId', 'deletedAt'])
        .where((eb) => eb.or([sql<boolean>`lower(email) = ANY(${keys}::text[])`, sql<boolean>`lower(name) = ANY(${keys}::text[])`]))
        .execute()

export const findTeams = (db: Executor, names: string[]) =>
  names.length === 0
    ? Promise.resolve([])
    : db.selectFrom('teams').select(['id', 'name']).where('deletedAt', 'is', null).where(sql<boolean>`lower(name) = ANY(${names}::text[])`).orderBy('createdAt').execute()

/** Of these teams, those a live user is still in (undo leaves them). */
export const teamsInUse = async (db: Executor, teamIds: string[]) =>
  teamIds.length === 0
    ? []
    : (await db.selectFrom('users').select('teamId').distinct().where('teamId', 'in', teamIds).where('deletedAt', 'is', null).execute()).map((r) => r.teamId!)
