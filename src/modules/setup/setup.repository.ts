import type { Executor } from '../../db/database'

/** Claims the one-time set-up; the primary key makes a second, concurrent claim fail. */
export const claimSetup = async (db: Executor): Promise<boolean> => {
  const result = await db
    .insertInto('settings')
    .values({ key: 'setup_done', value: JSON.stringify(true) })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0
}
