import type { Executor } from '../../db/database'
import type { AuditVerificationsTable } from './audit.table'
import type { Heads } from './audit.verify'

export async function insertVerification(db: Executor, row: { id: string; requestedBy: string | null }) {
  await db.insertInto('auditVerifications').values({ ...row, status: 'running' }).execute()
}

export async function finishVerification(db: Executor, id: string, result: { status: AuditVerificationsTable['status']; rowsChecked: number; redacted: number; problem: unknown; heads: Heads | null }) {
  await db
    .updateTable('auditVerifications')
    .set({ status: result.status, rowsChecked: result.rowsChecked, redacted: result.redacted, problem: JSON.stringify(result.problem), heads: result.heads && JSON.stringify(result.heads), finishedAt: new Date() })
    .where('id', '=', id)
    .execute()
}

export function latestVerification(db: Executor) {
  return db.selectFrom('auditVerifications').selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export function runningVerification(db: Executor, since: Date) {
  return db.selectFrom('auditVerifications').selectAll().where('status', '=', 'running').where('startedAt', '>', since).orderBy('startedAt', 'desc').limit(1).executeTakeFirst()
}

/** The heads the last clean verification reached: the next one checks they are still there. */
export async function lastVerifiedHeads(db: Executor): Promise<Heads | null> {
  const row = await db.selectFrom('auditVerifications').select('heads').where('status', '=', 'ok').orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.heads ?? null
}
