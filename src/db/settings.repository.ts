import type { Executor } from './database'

export const getSetting = async <T>(db: Executor, key: string): Promise<T | undefined> =>
  (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value as T | undefined

/** Inserts unless the key exists, then returns whichever value won (safe for concurrent starts). */
export async function getOrInitSetting<T>(db: Executor, key: string, initial: T): Promise<T> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(initial) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return (await getSetting<T>(db, key)) as T
}

/** Reads a setting and locks its row until the transaction ends (a rotation's last position, say). */
export const lockSetting = async <T>(db: Executor, key: string): Promise<T | undefined> =>
  (await db.selectFrom('settings').select('value').where('key', '=', key).forUpdate().executeTakeFirst())?.value as T | undefined

export async function putSetting<T>(db: Executor, key: string, value: T): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: new Date() }))
    .execute()
}
