import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { importApi } from './imports.test-support'
import { runImport } from './imports.job'
import * as repo from './imports.repository'

let t: TestApp
let api: ReturnType<typeof importApi>
let admin: AuthHeaders

beforeAll(async () => {
  t = await createTestApp()
  api = importApi(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
})
afterAll(() => t.close())

async function started(tag: string, n: number) {
  const rows = Array.from({ length: n }, (_, i) => `${tag} ${String(i + 1).padStart(3, '0')},${tag.toLowerCase()}${i + 1}@fence.cn`)
  const a = (await api.analyze(admin, 'customers', { name: `${tag}.csv`, data: Buffer.from(['name,email', ...rows].join('\n')) })).json()
  const start = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${a.id}/start`, headers: admin, payload: { entity: 'customers' } })
  expect(start.statusCode).toBe(202)
  return a.id as string
}

const stored = async (tag: string) => (await t.db.selectFrom('customers').select('name').where('name', 'like', `${tag} %`).execute()).map((r) => r.name)

/**
 * A run taken for dead (its process stopped beating) may only have been paused: when the import is
 * requeued and a second run starts, the first must not write another row when it wakes up.
 */
describe('two runs of one import', () => {
  it('the run that started later wins; the earlier one writes nothing more: every row once', async () => {
    const id = await started('Fence', 60)
    let aBatches = 0
    let b: Promise<void> | undefined
    // The second run starts while the first is between batches, as a requeued job would.
    const a = runImport({ db: t.db, defaultRegion: 'CN', batchSize: 10, onProgress: (p) => {
      if (p.phase !== 'write') return
      aBatches++
      b ??= runImport({ db: t.db, defaultRegion: 'CN', batchSize: 10 }, id)
    } }, id)
    await a
    await b
    expect(aBatches).toBeLessThan(6)
    const names = await stored('Fence')
    expect(names).toHaveLength(60)
    expect(new Set(names).size).toBe(60)
    expect(await api.status(admin, id)).toMatchObject({ status: 'completed', progress: { processed: 60, total: 60 }, counts: { created: 60 } })
  })

  it("a batch committed under an older epoch, or not right after the last committed row, is refused", async () => {
    const id = await started('Epoch', 3)
    const first = (await repo.beginRun(t.db, id))!
    const second = (await repo.beginRun(t.db, id))!
    expect(second).toBe(first + 1)
    const batch = { row: 2, processed: 1, created: 1, updated: 0, unchanged: 0, merged: 0, skipped: 0, invalid: 0 }
    expect(await repo.addProgress(t.db, id, first, 0, batch)).toBe(false)
    expect(await repo.addProgress(t.db, id, second, 0, batch)).toBe(true)
    // The same batch again (a second writer that read the same resume point) moves nothing.
    expect(await repo.addProgress(t.db, id, second, 0, batch)).toBe(false)
    expect(await t.db.selectFrom('imports').select(['committedRow', 'createdCount']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ committedRow: 2, createdCount: 1 })
  })
})
