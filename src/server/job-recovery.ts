import { readlinkSync } from 'node:fs'
import { hostname } from 'node:os'
import type PgBoss from 'pg-boss'
import { execSqlIn, type Db, type Executor } from '../db/database'
import * as repo from '../db/processes.repository'
import { newId } from '../lib/ids'

/** Called in the transaction that requeues a job whose process died: free what that run held (a lease) so the new job can start at once. */
export type OwnerLostHook = (trx: Executor, data: any, jobId: string) => Promise<void>

export interface RecoveryOptions {
  db: Db
  /** A process whose heartbeat is older than this is taken for dead and its jobs are requeued. */
  staleSeconds: number
  /** This process alone can reach the database (PGlite's locked data directory): every other registered process is dead. */
  exclusive: boolean
}

/** A job that took its process down this often is not requeued at once again: pg-boss's retry limit and back-off take over. */
const MAX_RECOVERIES = 3
const SWEEP_BATCH = 50

/**
 * PIDs are comparable only within one PID namespace: two containers with the same host name must
 * not take each other's processes for dead. Where there is no /proc, the host name alone.
 */
function hostKey() {
  try {
    return `${hostname()}/${readlinkSync('/proc/self/ns/pid')}`
  } catch {
    return hostname()
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The process registry behind crash recovery. Each process working the queue beats every fifth of
 * `staleSeconds`; every running job names its process. At start-up and on each beat, a process
 * requeues (through pg-boss: cancel the dead run's job, send a new one with the same data) the
 * jobs of processes that stopped beating, or whose PID is gone from this host — so a server
 * killed with -9 and started again resumes its work at once, and another copy takes it over within
 * `staleSeconds`. Runs are fenced by the modules (imports.run_epoch, campaigns.send_epoch): a
 * process taken for dead that was only paused writes nothing when it wakes.
 */
export function createJobRecovery(opts: RecoveryOptions, log: { error(obj: object, msg: string): void }) {
  const self = { id: newId(), host: hostKey(), pid: process.pid }
  let timer: NodeJS.Timeout | undefined
  let sweeping: Promise<unknown> = Promise.resolve()

  async function deadOwners(): Promise<repo.DeadOwners> {
    const local = await repo.processesOn(opts.db, self.host)
    // A PID reused by this very process means its earlier holder is gone too.
    const dead = local.filter((p) => p.id !== self.id && (p.pid === self.pid || !isAlive(p.pid))).map((p) => p.id)
    return { self: self.id, staleSeconds: opts.staleSeconds, dead, allOthers: opts.exclusive }
  }

  async function sweep(boss: PgBoss, hooks: (queue: string) => OwnerLostHook | undefined) {
    const dead = await deadOwners()
    let requeued = 0
    for (;;) {
      const n = await opts.db.transaction().execute(async (trx) => {
        const orphans = await repo.lockOrphanedJobs(trx, dead, SWEEP_BATCH)
        const db = { executeSql: execSqlIn(trx) }
        for (const o of orphans) {
          const job = await boss.getJobById(o.queue, o.jobId, { db, includeArchive: false })
          if (!job || !['created', 'retry', 'active'].includes(job.state)) {
            await repo.replaceOwner(trx, o.jobId, null)
          } else if (o.recoveries >= MAX_RECOVERIES) {
            await boss.fail(o.queue, o.jobId, { message: `its process stopped ${o.recoveries + 1} times while running it` }, { db })
            await repo.replaceOwner(trx, o.jobId, null)
          } else {
            await boss.cancel(o.queue, o.jobId, { db })
            const next = await boss.send(o.queue, job.data as object, { db, singletonKey: job.singletonKey ?? undefined })
            await hooks(o.queue)?.(trx, job.data, o.jobId)
            await repo.replaceOwner(trx, o.jobId, next ? { jobId: next, queue: o.queue, recoveries: o.recoveries + 1 } : null)
          }
        }
        return orphans.length
      })
      requeued += n
      if (n < SWEEP_BATCH) break
    }
    await repo.forgetTheDead(opts.db, dead)
    return requeued
  }

  const guarded = (boss: PgBoss, hooks: (queue: string) => OwnerLostHook | undefined) => {
    // One sweep at a time in a process; a failed beat is logged and the next one tries again.
    sweeping = sweeping.then(async () => {
      try {
        await repo.beat(opts.db, self)
        await sweep(boss, hooks)
      } catch (err) {
        log.error({ err }, 'job recovery sweep failed')
      }
    })
    return sweeping
  }

  return {
    processId: self.id,
    own: (jobId: string, queue: string) => repo.ownJob(opts.db, jobId, queue, self.id),
    release: (jobId: string) => repo.releaseJob(opts.db, jobId),
    /** Registers this process, recovers what dead ones left, then keeps beating and sweeping. */
    async start(boss: PgBoss, hooks: (queue: string) => OwnerLostHook | undefined) {
      if (timer) return
      await repo.beat(opts.db, self)
      await sweep(boss, hooks)
      const every = Math.max(1000, (opts.staleSeconds * 1000) / 5)
      timer = setInterval(() => void guarded(boss, hooks), every)
      timer.unref()
    },
    /** Once its jobs have stopped: a process that leaves cleanly is not taken for dead. */
    async stop() {
      clearInterval(timer)
      await sweeping
      await repo.forgetProcess(opts.db, self.id)
    },
    sweep,
  }
}

export type JobRecovery = ReturnType<typeof createJobRecovery>
