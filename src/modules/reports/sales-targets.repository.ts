import { sql } from 'kysely'
import type { Executor } from '../../db/database'

const key = (month: string, ownerId: string | null, teamId: string | null, currency: string) => (eb: any) =>
  eb.and([
    eb('month', '=', month),
    ownerId ? eb('ownerId', '=', ownerId) : eb('ownerId', 'is', null),
    teamId ? eb('teamId', '=', teamId) : eb('teamId', 'is', null),
    eb('currency', '=', currency),
  ])

export function findTarget(db: Executor, month: string, ownerId: string | null, teamId: string | null, currency: string) {
  return db.selectFrom('salesTargets').selectAll().where(key(month, ownerId, teamId, currency)).forUpdate().executeTakeFirst()
}

export function insertTarget(db: Executor, row: { id: string; month: string; ownerId: string | null; teamId: string | null; amount: string; currency: string; createdBy: string }) {
  return db.insertInto('salesTargets').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateTargetAmount(db: Executor, id: string, amount: string) {
  return db
    .updateTable('salesTargets')
    .set({ amount, updatedAt: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function listTargets(db: Executor, f: { from: string; to: string; ownerId?: string; teamId?: string | null }) {
  let q = db.selectFrom('salesTargets').selectAll().where('month', '>=', f.from).where('month', '<=', f.to)
  if (f.ownerId) q = q.where('ownerId', '=', f.ownerId)
  if (f.teamId) q = q.where((eb) => eb.or([eb('teamId', '=', f.teamId!), eb('ownerId', 'in', eb.selectFrom('users').select('id').where('teamId', '=', f.teamId!))]))
  return q.orderBy('month').orderBy('id').limit(2000).execute()
}
