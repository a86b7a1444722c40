import PgBoss from 'pg-boss'
import type { ExecSql, Executor } from '../db/database'
import { execSqlIn } from '../db/database'
import { createJobRecovery, type JobRecovery, type OwnerLostHook, type RecoveryOptions } from './job-recovery'

export interface JobOptions {
  retryLimit?: number
  retryDelaySeconds?: number
  retryBackoff?: boolean
  /** A job still running after this long counts as crashed and is retried. */
  expireInSeconds?: number
  /**
   * pg-boss queue policy. 'short': at most one waiting job per singletonKey (a second send returns
   * null); 'singleton': at most one running; 'stately': one of each. Default 'standard'.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately'
  /** When a run's process died and its job is requeued: free what the run held, in the requeue's transaction. */
  onOwnerLost?: OwnerLostHook
  /** Enqueue one job on this cron schedule (UTC), from whichever process works the queue: pg-boss sends it once for all. */
  cron?: string
}

export interface JobContext {
  id: string
  retryCount: number
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>

export interface SendOptions {
  /** With a queue policy other than 'standard', dedupes jobs with the same key. */
  singletonKey?: string
  startAfter?: Date
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  trx?: Executor
}

export interface Jobs {
  /** Register a queue and its handler; call while wiring services (before start). */
  define<T extends object>(name: string, handler: JobHandler<T>, opts?: JobOptions): void
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>
  /** `work: true` also polls the queues in this process (the server does; tests use drain). */
  start(opts?: { work?: boolean }): Promise<void>
  stop(): Promise<void>
  /** Run this queue's due jobs in this process until none is left; returns how many ran. */
  drain(name: string): Promise<number>
  /** With recovery: requeue now the jobs of processes taken for dead; returns how many. */
  recover(): Promise<number>
}

interface Definition {
  handler: JobHandler<any>
  opts: JobOptions
}

export interface JobsLogger {
  error(obj: object, msg: string): void
}

/**
 * Durable jobs on pg-boss in Kith's own database, so an embedded (PGlite) server works its queue
 * in-process and N PostgreSQL copies share it. pg-boss talks through execSql, which on PGlite
 * shares the one serialised connection with Kysely.
 */
export function createJobs(execSql: ExecSql, log: JobsLogger, recoveryOptions?: RecoveryOptions): Jobs {
  const definitions = new Map<string, Definition>()
  // Only a process that works the queue registers: a send-only caller (the CLI) owns no running job.
  let recovery: JobRecovery | undefined
  const hooks = (queue: string) => definitions.get(queue)?.opts.onOwnerLost
  let boss: PgBoss | undefined
  let starting: Promise<PgBoss> | undefined

  const open = (full: boolean) => {
    starting ??= (async () => {
      const b = new PgBoss({
        db: { executeSql: (text, values) => execSql(text, values) },
        schema: 'pgboss',
        // Maintenance and cron only where the queue is worked; a send-only caller just needs the schema.
        supervise: full,
        schedule: full,
        migrate: true,
      })
      b.on('error', (err) => log.error({ err }, 'job queue error'))
      await b.start()
      for (const [name, d] of definitions) {
        await b.createQueue(name, {
          name,
          policy: d.opts.policy ?? 'standard',
          retryLimit: d.opts.retryLimit ?? 5,
          retryDelay: d.opts.retryDelaySeconds ?? 10,
          retryBackoff: d.opts.retryBackoff ?? true,
          expireInSeconds: d.opts.expireInSeconds ?? 15 * 60,
        })
      }
      boss = b
      return b
    })()
    return starting
  }

  const definition = (name: string) => {
    const d = definitions.get(name)
    if (!d) throw new Error(`no job queue named "${name}" is defined`)
    return d
  }

  return {
    define(name, handler, opts = {}) {
      if (starting) throw new Error(`define job "${name}" before the queue starts`)
      definitions.set(name, { handler, opts })
    },

    async send(name, data, opts = {}) {
      definition(name)
      // Opening pg-boss needs the connection that PGlite's one open transaction holds: it would wait forever.
      if (opts.trx && !boss) throw new Error(`start the job queue before enqueuing "${name}" inside a transaction`)
      const b = await open(false)
      return b.send(name, data, {
        singletonKey: opts.singletonKey,
        startAfter: opts.startAfter,
        db: opts.trx ? { executeSql: execSqlIn(opts.trx) } : undefined,
      })
    },

    async start(opts = {}) {
      const b = await open(opts.work ?? false)
      if (!opts.work) return
      if (recoveryOptions) recovery ??= createJobRecovery(recoveryOptions, log)
      // Registered before the first fetch: a job owned by a process not registered yet would look orphaned to another's sweep.
      await recovery?.start(b, hooks)
      for (const [name, d] of definitions) {
        if (d.opts.cron) await b.schedule(name, d.opts.cron, {})
        await b.work<object>(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
          await recovery?.own(job.id, name)
          try {
            await d.handler(job.data, { id: job.id, retryCount: job.retryCount })
          } finally {
            await recovery?.release(job.id)
          }
        })
      }
    },

    async stop() {
      if (!starting) return
      const b = await starting
      await b.stop({ graceful: true, wait: true, timeout: 10_000 })
      await recovery?.stop()
      recovery = undefined
      boss = undefined
      starting = undefined
    },

    async recover() {
      if (!recovery || !boss) throw new Error('recovery runs in a process that works the queue (start({ work: true }) with recovery options)')
      return recovery.sweep(boss, hooks)
    },

    async drain(name) {
      const d = definition(name)
      const b = boss ?? (await open(false))
      let ran = 0
      for (;;) {
        const [job] = await b.fetch<object>(name, { batchSize: 1, includeMetadata: true })
        if (!job) return ran
        ran++
        try {
          await d.handler(job.data, { id: job.id, retryCount: job.retryCount })
          await b.complete(name, job.id)
        } catch (err) {
          await b.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) })
        }
      }
    },
  }
}
