import { sql } from 'kysely'
import type { Executor } from './database'

/** Registers this process, or beats for it (re-registering if another process took it for dead and removed it). */
export const beat = (db: Executor, p: { id: string; host: string; pid: number }) =>
  db
    .insertInto('kithProcesses')
    .values(p)
    .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeatAt: sql`now()` }))
    .execute()

export const forgetProcess = (db: Executor, id: string) => db.deleteFrom('kithProcesses').where('id', '=', id).execute()

/** The processes registered from this host (one PID namespace), whose PIDs this process can look up. */
export const processesOn = (db: Executor, host: string) => db.selectFrom('kithProcesses').select(['id', 'pid']).where('host', '=', host).execute()

/** This process runs this job now (kept over a pg-boss retry of the same job, with its count of recoveries). */
export const ownJob = (db: Executor, jobId: string, queue: string, processId: string) =>
  db
    .insertInto('jobOwners')
    .values({ jobId, queue, processId })
    .onConflict((oc) => oc.column('jobId').doUpdateSet({ processId, startedAt: sql`now()` }))
    .execute()

export const releaseJob = (db: Executor, jobId: string) => db.deleteFrom('jobOwners').where('jobId', '=', jobId).execute()

export interface DeadOwners {
  /** This process: never dead to itself. */
  self: string
  /** A process silent this long is dead. */
  staleSeconds: number
  /** Known dead without waiting (its PID is gone from this host); every other process when `allOthers`. */
  dead: string[]
  allOthers: boolean
}

const deadCondition = (d: DeadOwners) =>
  d.allOthers
    ? sql<boolean>`p.id IS DISTINCT FROM ${d.self}::uuid`
    : sql<boolean>`(p.id IS NULL OR p.heartbeat_at < now() - make_interval(secs => ${d.staleSeconds}) OR p.id = ANY(${d.dead.length ? sql`ARRAY[${sql.join(d.dead)}]::uuid[]` : sql`ARRAY[]::uuid[]`}))`

/**
 * Jobs whose process is dead, locked for this transaction; SKIP LOCKED, so two processes sweeping
 * at once requeue each job once.
 */
export async function lockOrphanedJobs(trx: Executor, d: DeadOwners, limit: number) {
  const { rows } = await sql<{ jobId: string; queue: string; recoveries: number }>`
    SELECT o.job_id AS "jobId", o.queue, o.recoveries
      FROM job_owners o LEFT JOIN kith_processes p ON p.id = o.process_id
     WHERE o.process_id IS NOT NULL AND o.process_id <> ${d.self} AND ${deadCondition(d)}
     ORDER BY o.started_at LIMIT ${limit}
       FOR UPDATE OF o SKIP LOCKED`.execute(trx.withoutPlugins())
  return rows
}

/** The requeued job stands in for the dead one, not started yet, carrying the count of recoveries. */
export async function replaceOwner(trx: Executor, oldJobId: string, next: { jobId: string; queue: string; recoveries: number } | null) {
  await trx.deleteFrom('jobOwners').where('jobId', '=', oldJobId).execute()
  if (next) await trx.insertInto('jobOwners').values({ ...next, processId: null }).onConflict((oc) => oc.column('jobId').doNothing()).execute()
}

/** Dead processes that own nothing any more, and stand-ins of requeued jobs that never started (cancelled meanwhile). */
export async function forgetTheDead(db: Executor, d: DeadOwners) {
  await sql`
    DELETE FROM kith_processes p
     WHERE ${deadCondition(d)} AND NOT EXISTS (SELECT 1 FROM job_owners o WHERE o.process_id = p.id)`.execute(db)
  await db.deleteFrom('jobOwners').where('processId', 'is', null).where('startedAt', '<', sql<Date>`now() - interval '1 day'`).execute()
}
