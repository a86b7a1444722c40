import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobs, type Jobs } from './jobs'
import { createTestDatabase } from '../test/test-db'
import type { Database } from '../db/database'
import { newId } from '../lib/ids'

/**
 * Crash recovery by heartbeat: a job whose process died is requeued at start-up or within the
 * stale time, not when pg-boss expires it (15 minutes to an hour later).
 */
describe('recovering the jobs of a dead process', () => {
  let database: Database
  let jobs: Jobs
  const seen: string[] = []
  const STALE_SECONDS = 5

  const until = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const state = async (jobId: string) =>
    (await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE id = ${jobId}`.execute(database.db)).rows[0]?.state
  /** A job some process fetched and was running, as pg-boss records it, owned by `processId`. */
  const runningIn = async (processId: string, word: string) => {
    const id = (await jobs.send('work', { word }))!
    await sql`UPDATE pgboss.job SET state = 'active', started_on = now() WHERE id = ${id}`.execute(database.db)
    await database.db.insertInto('jobOwners').values({ jobId: id, queue: 'work', processId }).execute()
    return id
  }
  const processRow = (p: { host?: string; pid?: number; silentSeconds?: number } = {}) => {
    const id = newId()
    return database.db
      .insertInto('kithProcesses')
      .values({ id, host: p.host ?? 'another-host', pid: p.pid ?? 4242, heartbeatAt: sql<Date>`now() - make_interval(secs => ${p.silentSeconds ?? 0})` })
      .execute()
      .then(() => id)
  }

  beforeAll(async () => {
    database = await createTestDatabase()
    jobs = createJobs(database.execSql, { error: () => {} }, { db: database.db, staleSeconds: STALE_SECONDS, exclusive: false })
    jobs.define<{ word: string }>('work', async ({ word }) => {
      seen.push(word)
    })
    await jobs.start()
  })
  afterAll(async () => {
    await jobs.stop()
    await database.close()
  })

  it('at start-up: the job of a process silent for an hour runs again at once, under a new job', async () => {
    const dead = await processRow({ silentSeconds: 3600 })
    const old = await runningIn(dead, 'after a crash')
    await jobs.start({ work: true })
    await until(() => seen.includes('after a crash'), 'the requeued job to run')
    expect(await state(old)).toBe('cancelled')
    await until(async () => (await database.db.selectFrom('jobOwners').select('jobId').execute()).length === 0, 'the new job to finish')
    expect(await database.db.selectFrom('kithProcesses').select('id').where('id', '=', dead).execute()).toEqual([])
    expect(seen.filter((w) => w === 'after a crash')).toHaveLength(1)
  })

  it('leaves the job of a live process alone, and requeues it once that process stops beating', async () => {
    const live = await processRow()
    const old = await runningIn(live, 'live')
    expect(await jobs.recover()).toBe(0)
    expect(await state(old)).toBe('active')
    await database.db.updateTable('kithProcesses').set({ heartbeatAt: sql<Date>`now() - make_interval(secs => ${STALE_SECONDS + 1})` }).where('id', '=', live).execute()
    await until(() => seen.includes('live'), 'the heartbeat sweep to requeue the job', STALE_SECONDS * 1000)
    expect(await state(old)).toBe('cancelled')
  })

  it('takes a process of this host whose PID is gone for dead without waiting for its heartbeat to go stale', async () => {
    const me = await database.db.selectFrom('kithProcesses').select('host').where('pid', '=', process.pid).executeTakeFirstOrThrow()
    const gone = await processRow({ host: me.host, pid: 2 ** 22 - 3 })
    const old = await runningIn(gone, 'pid gone')
    await jobs.recover()
    await until(() => seen.includes('pid gone'), 'the requeued job to run')
    expect(await state(old)).toBe('cancelled')
  })

  it('a job that took its process down three times goes back to pg-boss as a failure (retry with back-off), not requeued at once', async () => {
    const dead = await processRow({ silentSeconds: 3600 })
    const old = await runningIn(dead, 'poison')
    await database.db.updateTable('jobOwners').set({ recoveries: 3 }).where('jobId', '=', old).execute()
    await jobs.recover()
    expect(await state(old)).toBe('retry')
    expect(await database.db.selectFrom('jobOwners').select('jobId').where('jobId', '=', old).execute()).toEqual([])
    expect(seen).not.toContain('poison')
  })
})
