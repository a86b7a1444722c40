import { sql } from 'kysely'
import type { Db } from '../../db/database'

/**
 * Keeps the planner's picture of a table true while an import grows it. Without statistics (a
 * new installation, PGlite which has no autovacuum, a server with autovacuum off) PostgreSQL
 * guesses the size of each batch's duplicate lookup from a table it believes empty or small. So:
 * ANALYZE the table after the first batch, and again each time the import has added as many rows
 * as the table then held (a handful of times for a million rows), beside the next batch. One that
 * would wait for a lock (autovacuum is on the table already) is skipped.
 */
export function plannerStats(db: Db, table: string) {
  let added = 0
  let nextLook = 0
  let running: Promise<void> | undefined
  let failure: unknown
  const look = async () => {
    try {
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '200ms'`.execute(trx)
        await sql`ANALYZE ${sql.table(table)}`.execute(trx)
      })
    } catch (err) {
      if ((err as { code?: string }).code !== '55P03') throw err
    }
    const { rows: [r] } = await sql<{ n: number }>`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = ${table}::regclass`.execute(db)
    nextLook = added + Math.max(r?.n ?? 0, 1)
  }
  return {
    /** Counts the rows a committed batch added; may start an ANALYZE that runs beside the next batch. */
    added(rows: number) {
      added += rows
      if (rows === 0 || added < nextLook || running) return
      running = look()
        .catch((err) => void (failure ??= err))
        .finally(() => (running = undefined))
    },
    /** Waits for an ANALYZE under way, so its failure is the import's and nothing outlives the job. */
    settle: async () => {
      await running
      if (failure) throw failure
    },
  }
}
