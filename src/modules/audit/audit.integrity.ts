import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'
import type { RequestContext } from '../../server/context'
import type { Jobs } from '../../server/jobs'
import { assertRole } from '../../server/permissions'
import { recordAudit } from './audit.service'
import type { AuditVerification } from './audit.schema'
import type { AuditVerificationsTable } from './audit.table'
import { verifyChains, type ChainProblem, type VerifyResult } from './audit.verify'
import * as repo from './audit.verifications.repository'

export const VERIFY_JOB = 'audit-verify'
/** A run still marked running after this long died with its process; another may start. */
const STALE_MS = 2 * 60 * 60 * 1000

type Row = Awaited<ReturnType<typeof repo.latestVerification>> & {}

const toView = (r: Row): AuditVerification => ({
  id: r.id,
  status: r.status,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  rowsChecked: Number(r.rowsChecked),
  redacted: Number(r.redacted),
  problems: Array.isArray(r.problem) ? (r.problem as ChainProblem[]) : [],
  error: r.problem && !Array.isArray(r.problem) ? (r.problem as { message: string }).message : null,
})

/** Runs the verification a row stands for and writes its outcome there (the job, and the CLI inline). */
async function run(db: Db, id: string, concurrency: number): Promise<VerifyResult> {
  try {
    const result = await verifyChains(db, { previous: await repo.lastVerifiedHeads(db), concurrency })
    const status: AuditVerificationsTable['status'] = result.ok ? 'ok' : 'failed'
    await repo.finishVerification(db, id, { status, rowsChecked: result.rowsChecked, redacted: result.redacted, problem: result.problems, heads: result.ok ? result.heads : null })
    return result
  } catch (err) {
    await repo.finishVerification(db, id, { status: 'error', rowsChecked: 0, redacted: 0, problem: { message: err instanceof Error ? err.message : String(err) }, heads: null })
    throw err
  }
}

export function createAuditIntegrity({ db, jobs }: { db: Db; jobs: Jobs }) {
  jobs.define<{ id: string }>(VERIFY_JOB, async ({ id }) => void (await run(db, id, 1)), { retryLimit: 1, expireInSeconds: STALE_MS / 1000 })

  return {
    /** Queues a verification (admins), or answers the one already running. */
    async start(ctx: RequestContext): Promise<AuditVerification> {
      assertRole(ctx.actor, 'admin')
      const running = await repo.runningVerification(db, new Date(Date.now() - STALE_MS))
      if (running) return toView(running)
      // The queue's schema is set up outside the transaction: on PGlite's one connection it would wait for it.
      await jobs.start()
      const id = newId()
      await db.transaction().execute(async (trx) => {
        await repo.insertVerification(trx, { id, requestedBy: ctx.actor.userId })
        await recordAudit(trx, ctx, [{ action: 'verify', entity: 'audit_log', entityId: id }])
        await jobs.send(VERIFY_JOB, { id }, { trx })
      })
      return toView((await repo.latestVerification(db))!)
    },

    async latest(ctx: RequestContext): Promise<{ verification: AuditVerification | null }> {
      assertRole(ctx.actor, 'admin')
      const row = await repo.latestVerification(db)
      return { verification: row ? toView(row) : null }
    },

    /** `kith audit verify`: the same run, in this process, recorded like the page's. */
    async runNow(opts: { concurrency?: number } = {}): Promise<VerifyResult> {
      const id = newId()
      await repo.insertVerification(db, { id, requestedBy: null })
      return run(db, id, opts.concurrency ?? 1)
    },
  }
}

export type AuditIntegrity = ReturnType<typeof createAuditIntegrity>
