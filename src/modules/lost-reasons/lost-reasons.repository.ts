import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import type { LostReasonsTable } from './lost-reasons.table'

const base = (db: Executor) => db.selectFrom('lostReasons').selectAll()

export const listLostReasons = (db: Executor, activeOnly: boolean) => {
  let q = base(db)
  if (activeOnly) q = q.where('active', '=', true)
  return q.orderBy('position').orderBy('labelEn').execute()
}

/** Every reason, locked, in order: a write renumbers them. */
export const lockLostReasons = (db: Executor) => base(db).orderBy('position').orderBy('labelEn').forUpdate().execute()

export const findLostReason = (db: Executor, id: string) => base(db).where('id', '=', id).executeTakeFirst()

export const findLostReasonByKey = (db: Executor, key: string) => base(db).where('key', '=', key).executeTakeFirst()

/** An active reason whose zh-CN or English label is this text (case and surrounding space ignored). */
export const findLostReasonByLabel = (db: Executor, text: string) =>
  base(db)
    .where('active', '=', true)
    .where((eb) => eb.or([eb(sql`lower(label_zh)`, '=', text.trim().toLowerCase()), eb(sql`lower(label_en)`, '=', text.trim().toLowerCase())]))
    .executeTakeFirst()

export const findLabelClash = (db: Executor, labelZh: string, labelEn: string, exceptId: string | null) =>
  base(db)
    .where((eb) => eb.or([eb(sql`lower(label_zh)`, '=', labelZh.toLowerCase()), eb(sql`lower(label_en)`, '=', labelEn.toLowerCase())]))
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst()

export const insertLostReason = (db: Executor, row: Insertable<LostReasonsTable>) => db.insertInto('lostReasons').values(row).execute()

export const updateLostReason = (db: Executor, id: string, patch: Updateable<LostReasonsTable>) =>
  db.updateTable('lostReasons').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute()

export const setPosition = (db: Executor, id: string, position: number) =>
  db.updateTable('lostReasons').set({ position }).where('id', '=', id).execute()

export type LostReasonRow = NonNullable<Awaited<ReturnType<typeof findLostReason>>>
