import { sql } from 'kysely'
import type { Executor } from '../../db/database'

// Read-only counts over other modules' tables, like the reports: the checklist only asks whether
// something happened, it changes nothing there.

/** Active users who can sign in, the first admin included. */
export const countActiveUsers = async (db: Executor): Promise<number> =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('active', '=', true).where('deletedAt', 'is', null).executeTakeFirstOrThrow()).n)

/** An import that wrote rows (a dry run or an undone one does not count). */
export const hasCompletedImport = async (db: Executor): Promise<boolean> =>
  (await db.selectFrom('imports').select('id').where('status', '=', 'completed').limit(1).executeTakeFirst()) !== undefined

/**
 * The pipeline is set up once an admin changed the stages the installation came with (renamed,
 * re-weighted, reordered, added or removed one) or deals are being tracked in it.
 */
export const pipelineInUse = async (db: Executor): Promise<boolean> => {
  const edited = await db
    .selectFrom('pipelineStages')
    .select('id')
    .where((eb) => eb.or([eb('version', '>', 1), eb('createdBy', 'is not', null), eb('deletedAt', 'is not', null)]))
    .limit(1)
    .executeTakeFirst()
  if (edited) return true
  return (await db.selectFrom('opportunities').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst()) !== undefined
}
