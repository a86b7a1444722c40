import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestDatabase } from '../../test/test-db'
import { testEngine } from '../../test/test-engine'
import { openDatabase, type Database } from '../../db/database'
import { newId } from '../../lib/ids'
import { recordAudit } from './audit.service'
import { verifyChains } from './audit.verify'

const ctx = { actor: null, requestId: 'concurrency' }

describe.skipIf(testEngine !== 'postgres')('concurrent audit writers (PostgreSQL)', () => {
  let base: Database & { url?: string }
  let wide: Database
  beforeAll(async () => {
    base = await createTestDatabase()
    wide = await openDatabase({ databaseUrl: base.url!, poolSize: 24 })
  })
  afterAll(async () => {
    await wide.close()
    await base.close()
  })

  const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(wide.db)).rows[0]!.n)

  it('24 writers (more than there are chains), holding their heads a while: no fork, no hole, no deadlock', async () => {
    const before = await count()
    const writer = async (w: number) => {
      for (let i = 0; i < 15; i++) {
        await wide.db.transaction().execute(async (trx) => {
          await recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId(), changes: { w: { before: null, after: w } } }])
          // Holds the chain head across statements, as a service does between its audit row and commit.
          await sql`SELECT pg_sleep(0.005)`.execute(trx)
          await recordAudit(trx, ctx, Array.from({ length: 1 + (i % 3) }, () => ({ action: 'update', entity: 'probe', entityId: newId() })))
          if (i % 5 === 4) throw Object.assign(new Error('rolled back on purpose'), { expected: true })
        }).catch((err: { expected?: boolean }) => {
          if (!err.expected) throw err
        })
      }
    }
    await Promise.all(Array.from({ length: 24 }, (_, w) => writer(w)))
    // 24 writers × 12 committed transactions × (1 + 1..3 rows)
    const committed = 24 * [0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13].reduce((n, i) => n + 2 + (i % 3), 0)
    expect(await count()).toBe(before + committed)
    const result = await verifyChains(wide.db, { concurrency: 4 })
    expect(result).toMatchObject({ ok: true, problems: [], rowsChecked: before + committed })
    const used = await sql<{ n: number }>`SELECT count(DISTINCT chain)::int AS n FROM audit_log WHERE request_id = 'concurrency'`.execute(wide.db)
    expect(used.rows[0]!.n).toBeGreaterThan(4)
  })

  it('under REPEATABLE READ a head moved since the snapshot is a serialisation failure, never a fork', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, async () => {
      await wide.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
        await sql`SELECT 1 FROM audit_log LIMIT 1`.execute(trx) // takes the snapshot
        await sql`SELECT pg_sleep(0.01)`.execute(trx)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'probe', entityId: newId() }])
      })
    }))
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).toBe('40001')
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true)
    expect((await verifyChains(wide.db)).ok).toBe(true)
  })
})
