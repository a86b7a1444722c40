import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { BACKUP_QUEUE } from './backups.service'
import { isDue, pruneBackups, scheduledName } from './backups.schedule'
import { verifyBackup } from './backup.restore'

let t: TestApp
let admin: AuthHeaders
let sales: AuthHeaders
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-scheduled-'))
  t = await createTestApp({ KITH_BACKUP_PASSPHRASE: 'scheduled backups passphrase' })
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
  await insertCustomer(t.db, { name: '定时备份客户' })
})
afterAll(async () => {
  await t.close()
  await rm(dir, { recursive: true, force: true })
})

const get = (headers = admin) => t.app.inject({ method: 'GET', url: '/api/v1/settings/backups', headers })
const put = (payload: object, headers = admin) => t.app.inject({ method: 'PUT', url: '/api/v1/settings/backups', headers, payload })
const list = (headers = admin) => t.app.inject({ method: 'GET', url: '/api/v1/backups', headers })

describe('scheduled backups', () => {
  it('is an admin setting: validated, version-checked, audited', async () => {
    expect((await get(sales)).statusCode).toBe(403)
    expect((await list(sales)).statusCode).toBe(403)
    const initial = json(await get())
    expect(initial).toMatchObject({ enabled: false, hour: 2, keepCount: 7, keepDays: 0, version: 1, encrypted: true, lastRunAt: null })
    expectProblem(await put({ enabled: true, hour: 24, directory: 'relative/dir', keepCount: 0, keepDays: 1, version: 1 }), 400, ['hour', 'directory', 'keepCount'])
    const saved = await put({ enabled: true, hour: 0, directory: dir, keepCount: 2, keepDays: 0, version: 1 })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json(saved)).toMatchObject({ enabled: true, hour: 0, directory: dir, version: 2 })
    expect((await put({ enabled: false, hour: 0, directory: dir, keepCount: 2, keepDays: 0, version: 1 })).statusCode).toBe(409)
    const audit = await t.db.selectFrom('auditLog').selectAll().where('entity', '=', 'backup_schedule').execute()
    expect(audit).toHaveLength(1)
  })

  it('runs as a queued job once a day, encrypted with the server passphrase, listed with size and time', async () => {
    await t.services.jobs.send(BACKUP_QUEUE, {})
    await t.services.jobs.drain(BACKUP_QUEUE)
    const first = json(await list())
    expect(first.items).toHaveLength(1)
    expect(first.items[0]).toMatchObject({ name: expect.stringMatching(/^kith-backup-\d{8}-\d{6}\.kbk$/), bytes: expect.any(Number), createdAt: expect.any(String) })
    const manifest = await verifyBackup(join(dir, first.items[0].name), { passphrase: 'scheduled backups passphrase' })
    expect(manifest.tables.find((x) => x.name === 'customers')?.rows).toBe(1)
    expect(json(await get())).toMatchObject({ lastRunAt: expect.any(String), lastError: null, version: 2 })
    // The same day again: already done.
    await t.services.jobs.send(BACKUP_QUEUE, {})
    await t.services.jobs.drain(BACKUP_QUEUE)
    expect(json(await list()).items).toHaveLength(1)
  })
})

describe('schedule and retention', () => {
  it('is due once a day from the hour on, in the company time zone', () => {
    const zone = 'Asia/Shanghai'
    // 01:30 UTC is 09:30 in Shanghai.
    const at = new Date('2026-12-08T01:30:00Z')
    expect(isDue(at, zone, 9, null)).toBe(true)
    expect(isDue(at, zone, 10, null)).toBe(false)
    expect(isDue(at, zone, 9, new Date('2026-12-08T01:00:00Z'))).toBe(false)
    // 16:30 UTC on the 7th is already 00:30 on the 8th in Shanghai; 15:30 is still the 7th.
    expect(isDue(at, zone, 9, new Date('2026-12-07T16:30:00Z'))).toBe(false)
    expect(isDue(at, zone, 9, new Date('2026-12-07T15:30:00Z'))).toBe(true)
  })

  it('keeps the newest N, drops those older than the days kept, and never touches other files', async () => {
    const d = await mkdtemp(join(tmpdir(), 'kith-prune-'))
    try {
      const now = new Date('2026-12-08T03:00:00Z')
      const names: string[] = []
      for (let i = 0; i < 5; i++) {
        const at = new Date(now.getTime() - i * 86_400_000)
        const name = scheduledName(at)
        names.push(name)
        await writeFile(join(d, name), 'x')
        await utimes(join(d, name), at, at)
      }
      await writeFile(join(d, 'my-notes.txt'), 'keep me')
      await pruneBackups(d, 4, 0, now)
      expect((await readdir(d)).sort()).toEqual([...names.slice(0, 4), 'my-notes.txt'].sort())
      await pruneBackups(d, 10, 2, now)
      expect((await readdir(d)).sort()).toEqual([...names.slice(0, 3), 'my-notes.txt'].sort())
    } finally {
      await rm(d, { recursive: true, force: true })
    }
  })
})
