import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../db/database'
import { knownMigrations, migrateDown } from '../../db/migrate'
import { createTestDatabase } from '../../test/test-db'
import { insertCustomer } from '../../test/factories'
import { createBackup } from './backup.create'
import { BackupFileError } from './backup.errors'
import { FrameType, frame, readFrames, writeBackupFile } from './backup.file'
import { restoreBackup, verifyBackup } from './backup.restore'
import { fillForBackup, snapshot, type Snapshot } from './backups.fixture'

let dir: string
let source: Database
let before: Snapshot
let plain: string
let encrypted: string
const secret = { passphrase: 'correct horse battery staple 2026' }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-backup-test-'))
  source = await createTestDatabase()
  await fillForBackup(source)
  before = await snapshot(source)
  plain = join(dir, 'plain.kbk')
  encrypted = join(dir, 'encrypted.kbk')
  await createBackup(source, plain)
  await createBackup(source, encrypted, secret)
}, 180_000)

afterAll(async () => {
  await source?.close()
  await rm(dir, { recursive: true, force: true })
})

/** Restores into a fresh migrated database of this run's engine and hands it over. */
async function intoFresh<T>(file: string, fn: (target: Database) => Promise<T>, opts: Parameters<typeof restoreBackup>[2] = {}): Promise<T> {
  const target = await createTestDatabase()
  try {
    await restoreBackup(target, file, opts)
    return await fn(target)
  } finally {
    await target.close()
  }
}

const problemOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (err: unknown) => (err instanceof BackupFileError ? err.problem : String(err)),
  )

describe('backup and restore', () => {
  it('round-trips every table exactly: row counts, values, sequences and numbering', async () => {
    expect(before.tables.customers.rows).toBeGreaterThan(200)
    await intoFresh(plain, async (target) => {
      expect(await snapshot(target)).toEqual(before)
      // Ticket numbers continue after the source's last one rather than starting over.
      const { rows } = await sql<{ n: string }>`SELECT nextval('ticket_number_seq')::text AS n`.execute(target.db)
      const { rows: src } = await sql<{ n: string }>`SELECT last_value::text AS n FROM ticket_number_seq`.execute(source.db)
      expect(Number(rows[0].n)).toBe(Number(src[0].n) + 1)
    })
  })

  it('round-trips an encrypted backup, and the file shows none of the data', async () => {
    const raw = await readFile(encrypted)
    expect(raw.includes(Buffer.from('Tab'))).toBe(false)
    await intoFresh(encrypted, async (target) => expect(await snapshot(target)).toEqual(before), { secret })
  })

  it('refuses an encrypted backup without its key, or with a wrong one, before changing anything', async () => {
    expect(await problemOf(verifyBackup(encrypted))).toBe('needs-key')
    expect(await problemOf(verifyBackup(encrypted, { passphrase: 'not the passphrase at all' }))).toBe('wrong-key')
  })

  it('refuses a damaged, truncated or foreign file and leaves a target with data as it was', async () => {
    const bytes = await readFile(plain)
    const flipped = Buffer.from(bytes)
    flipped[Math.floor(bytes.length * 0.6)] ^= 0x55
    const cases: [string, Buffer, string[]][] = [
      ['flipped.kbk', flipped, ['damaged', 'truncated']],
      ['cut.kbk', bytes.subarray(0, Math.floor(bytes.length * 0.7)), ['truncated']],
      ['foreign.kbk', Buffer.from('name,email\nAda,ada@example.com\n'), ['foreign']],
    ]
    const encBytes = await readFile(encrypted)
    const encFlipped = Buffer.from(encBytes)
    encFlipped[Math.floor(encBytes.length * 0.5)] ^= 0x01
    cases.push(['enc-flipped.kbk', encFlipped, ['damaged']], ['enc-cut.kbk', encBytes.subarray(0, encBytes.length - 20), ['truncated', 'damaged']])
    const target = await createTestDatabase()
    try {
      await insertCustomer(target.db, { name: 'Still here' })
      const untouched = await snapshot(target)
      for (const [name, content, expected] of cases) {
        const file = join(dir, name)
        await writeFile(file, content)
        const problem = await problemOf(restoreBackup(target, file, { force: true, secret }))
        expect(expected, `${name}: ${problem}`).toContain(problem)
        expect(await snapshot(target)).toEqual(untouched)
      }
    } finally {
      await target.close()
    }
  })

  it('refuses a target that holds data unless forced, then replaces it whole', async () => {
    const target = await createTestDatabase()
    try {
      await insertCustomer(target.db, { name: 'Somebody else' })
      expect(await problemOf(restoreBackup(target, plain))).toBe('target-not-empty')
      await restoreBackup(target, plain, { force: true })
      expect(await snapshot(target)).toEqual(before)
    } finally {
      await target.close()
    }
  })

  it('refuses a backup from a newer schema', async () => {
    const file = join(dir, 'newer.kbk')
    async function* rewritten() {
      for await (const f of readFrames(plain)) {
        if (f.type !== FrameType.manifest && f.type !== FrameType.start) yield frame(f.type, f.payload)
        else yield frame(f.type, JSON.stringify({ ...JSON.parse(f.payload.toString()), migration: '2099_01_01_0000_from_the_future' }))
      }
    }
    await writeBackupFile(file, rewritten())
    expect(await problemOf(intoFresh(file, async () => {}))).toBe('newer-schema')
  })

  it('restores a backup of an older schema and migrates it up after', async () => {
    const older = await createTestDatabase()
    const file = join(dir, 'older.kbk')
    try {
      await migrateDown(older.db)
      await insertCustomer(older.db, { name: 'From an older Kith' })
      const { manifest } = await createBackup(older, file)
      expect(manifest.migration).toBe(knownMigrations().at(-2))
    } finally {
      await older.close()
    }
    const target = await createTestDatabase()
    try {
      const { migratedAfter } = await restoreBackup(target, file)
      expect(migratedAfter).toEqual([`Up ${knownMigrations().at(-1)}`])
      const names = await target.db.selectFrom('customers').select('name').execute()
      expect(names.map((n) => n.name)).toEqual(['From an older Kith'])
    } finally {
      await target.close()
    }
  })
})

// The other engine is the in-memory PGlite, opened unmigrated: the restore builds its schema.
describe.runIf(process.env.TEST_DB === 'postgres')('between engines', () => {
  it('moves PostgreSQL → PGlite → PostgreSQL with every row and sequence intact', async () => {
    const pglite = await openDatabase({ memory: true })
    const back = join(dir, 'from-pglite.kbk')
    try {
      await restoreBackup(pglite, plain)
      expect(await snapshot(pglite)).toEqual(before)
      await createBackup(pglite, back, secret)
    } finally {
      await pglite.close()
    }
    await intoFresh(back, async (target) => expect(await snapshot(target)).toEqual(before), { secret })
  }, 120_000)
})
