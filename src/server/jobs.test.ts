import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobs, type Jobs } from './jobs'
import { createTestDatabase } from '../test/test-db'
import type { Database } from '../db/database'

describe('durable jobs (pg-boss in Kith\'s database)', () => {
  let database: Database
  let jobs: Jobs
  const seen: string[] = []
  let failOnce = true

  beforeAll(async () => {
    database = await createTestDatabase()
    jobs = createJobs(database.execSql, { error: () => {} })
    jobs.define<{ word: string }>('echo', async ({ word }) => {
      seen.push(word)
    })
    jobs.define<{ word: string }>('flaky', async ({ word }, job) => {
      if (failOnce) {
        failOnce = false
        throw new Error('first try fails')
      }
      seen.push(`${word}#${job.retryCount}`)
    }, { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false })
    jobs.define<{ word: string }>('once', async ({ word }) => {
      seen.push(word)
    }, { policy: 'short' })
  })
  afterAll(async () => {
    await jobs.stop()
    await database.close()
  })

  it('runs what was sent, once', async () => {
    await jobs.send('echo', { word: '你好' })
    await jobs.send('echo', { word: 'hello' })
    expect(await jobs.drain('echo')).toBe(2)
    expect(seen).toEqual(['你好', 'hello'])
    expect(await jobs.drain('echo')).toBe(0)
  })

  it('refuses to open the queue from inside a transaction (PGlite would wait on itself)', async () => {
    const fresh = createJobs(database.execSql, { error: () => {} })
    fresh.define('echo', async () => {})
    await expect(database.db.transaction().execute((trx) => fresh.send('echo', {}, { trx }))).rejects.toThrow('start the job queue before')
  })

  it('enqueues with the transaction: a rollback leaves no job, a commit does', async () => {
    seen.length = 0
    await expect(
      database.db.transaction().execute(async (trx) => {
        await jobs.send('echo', { word: 'rolled back' }, { trx })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    await database.db.transaction().execute(async (trx) => {
      await jobs.send('echo', { word: 'committed' }, { trx })
    })
    await jobs.drain('echo')
    expect(seen).toEqual(['committed'])
  })

  it('retries a failed job', async () => {
    seen.length = 0
    await jobs.send('flaky', { word: 'again' })
    expect(await jobs.drain('flaky')).toBe(2)
    expect(seen).toEqual(['again#1'])
  })

  it('dedupes by singleton key', async () => {
    seen.length = 0
    const first = await jobs.send('once', { word: 'one' }, { singletonKey: 'k1' })
    const second = await jobs.send('once', { word: 'two' }, { singletonKey: 'k1' })
    expect(first).toBeTruthy()
    expect(second).toBeNull()
    await jobs.drain('once')
    expect(seen).toEqual(['one'])
  })

  it('refuses an unknown queue', async () => {
    await expect(jobs.send('nope', {})).rejects.toThrow('no job queue named "nope"')
  })
})
