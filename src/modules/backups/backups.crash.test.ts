import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/database'
import { createTestDatabase } from '../../test/test-db'
import { cliProcess } from '../../test/cli-process'
import { insertCustomer } from '../../test/factories'
import { createBackup } from './backup.create'
import { fillForBackup, snapshot, type Snapshot } from './backups.fixture'

let dir: string
let file: string
let before: Snapshot

beforeAll(async () => {
  if (process.env.TEST_DB !== 'postgres') return
  dir = await mkdtemp(join(tmpdir(), 'kith-backup-crash-'))
  file = join(dir, 'big.kbk')
  const source = await createTestDatabase()
  try {
    await fillForBackup(source, 20_000)
    before = await snapshot(source)
    await createBackup(source, file)
  } finally {
    await source.close()
  }
}, 300_000)
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const restoreProcess = (url: string, killAfter?: RegExp) => cliProcess(['restore', file, '--force'], { DATABASE_URL: url }, killAfter)

// PGlite runs inside the restoring process: a kill there is the process's own data directory, covered by PGlite itself.
describe.runIf(process.env.TEST_DB === 'postgres')('a restore killed with -9', () => {
  it('leaves the target as it was, and a second run restores it whole', async () => {
    const target: Database & { url?: string } = await createTestDatabase()
    try {
      await insertCustomer(target.db, { name: 'Here before the restore' })
      const untouched = await snapshot(target)
      // Killed after the first tables are in, while customers, contacts and activities still load.
      const killed = await restoreProcess(target.url!, /teams: \d+ rows/)
      expect(killed.signal, killed.output).toBe('SIGKILL')
      expect(killed.output).not.toMatch(/Restored/)
      expect(await snapshot(target)).toEqual(untouched)

      const again = await restoreProcess(target.url!)
      expect(again.code, again.output).toBe(0)
      expect(await snapshot(target)).toEqual(before)
    } finally {
      await target.close()
    }
  }, 300_000)
})
