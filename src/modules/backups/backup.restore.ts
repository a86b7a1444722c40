import { createHash, type Hash } from 'node:crypto'
import type { Database } from '../../db/database'
import type { CopySession } from '../../db/copy-session'
import { appliedMigrations, clearForLoad, countRows, dropForeignKeys, dropSecondaryIndexes, enableTriggers, listTables, writeSequence } from '../../db/backup-catalog'
import { knownMigrations, migrateTo, migrateToLatest } from '../../db/migrate'
import { BackupFileError } from './backup.errors'
import { FrameType, readFrames, type Frame, type Secret } from './backup.file'
import { countLines, type Manifest, type TableEntry } from './backup.manifest'

const parse = <T>(f: Frame, what: string): T => {
  try {
    return JSON.parse(f.payload.toString('utf8')) as T
  } catch {
    throw new BackupFileError('damaged', `its ${what} is not readable`)
  }
}

/**
 * Reads the whole file once — authentication of every encrypted chunk, the gzip checksum, each
 * table's row count and SHA-256 against the manifest — and returns the manifest. Nothing is
 * written anywhere.
 */
export async function verifyBackup(path: string, secret?: Secret): Promise<Manifest> {
  const seen: { name: string; rows: number; sha256: string }[] = []
  let manifest: Manifest | undefined
  let started = false
  let current: { name: string; rows: number; hash: Hash } | undefined
  for await (const f of readFrames(path, secret)) {
    if (manifest) throw new BackupFileError('damaged', 'it has records after its manifest')
    if (!started) {
      if (f.type !== FrameType.start) throw new BackupFileError('damaged', 'it does not begin with a start record')
      started = true
    } else if (f.type === FrameType.table && !current) {
      current = { name: parse<{ name: string }>(f, 'table record').name, rows: 0, hash: createHash('sha256') }
    } else if (f.type === FrameType.data && current) {
      current.rows += countLines(f.payload)
      current.hash.update(f.payload)
    } else if (f.type === FrameType.end && current) {
      seen.push({ name: current.name, rows: current.rows, sha256: current.hash.digest('hex') })
      current = undefined
    } else if (f.type === FrameType.manifest && !current) {
      manifest = parse<Manifest>(f, 'manifest')
    } else {
      throw new BackupFileError('damaged', 'its records are out of order')
    }
  }
  if (!manifest) throw new BackupFileError('truncated', 'its manifest is missing')
  if (!Array.isArray(manifest.tables) || manifest.tables.length !== seen.length) throw new BackupFileError('damaged', 'its manifest does not list the tables it holds')
  manifest.tables.forEach((t, i) => {
    const s = seen[i]
    if (t.name !== s.name) throw new BackupFileError('damaged', `its manifest lists ${t.name} where the file holds ${s.name}`)
    if (t.rows !== s.rows || t.sha256 !== s.sha256) throw new BackupFileError('damaged', `the rows of ${t.name} do not match their checksum`)
  })
  return manifest
}

export interface RestoreOptions {
  secret?: Secret
  /** Replace a target that holds data. */
  force?: boolean
  log?: (line: string) => void
}

export interface RestoreResult {
  manifest: Manifest
  migratedAfter: string[]
}

/** A Kith database in use: it has users or customers (a fresh schema holds only seeded defaults). */
async function holdsData(s: CopySession): Promise<boolean> {
  for (const t of ['users', 'customers']) {
    const [r] = await s.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [`public.${t}`])
    if (r.exists && (await countRows(s, t)) > 0) return true
  }
  return false
}

/**
 * Checks the file whole, brings the target's schema to the backup's migration, loads every table
 * in one transaction (any error rolls it all back; a kill leaves the target as it was), sets the
 * sequences, then migrates up to this Kith's newest schema.
 */
export async function restoreBackup(database: Database, path: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const log = opts.log ?? (() => {})
  log('Checking the backup file…')
  const manifest = await verifyBackup(path, opts.secret)
  const known = knownMigrations()
  if (!known.includes(manifest.migration)) {
    throw new BackupFileError('newer-schema', `its schema ends at migration ${manifest.migration}, which this Kith does not know; upgrade Kith first`)
  }
  await database.copySession(async (s) => {
    const applied = await appliedMigrations(s)
    const unknown = applied.find((m) => !known.includes(m))
    if (unknown) throw new BackupFileError('newer-schema', `the target database has migration ${unknown} from a newer Kith; restore with that version`)
    if (!opts.force && (await holdsData(s))) throw new BackupFileError('target-not-empty', 'it has users or customers; restore with --force to replace everything in it')
  })
  await migrateTo(database.db, manifest.migration)
  log(`Loading ${manifest.tables.length} tables…`)
  await database.copySession(async (s) => {
    await s.query('BEGIN')
    try {
      // Room for the index builds after the load (PGlite's memory is the process's own: left as is).
      if (database.kind === 'postgres') await s.query(`SET LOCAL maintenance_work_mem = '512MB'`)
      await load(s, path, manifest, opts.secret, log)
      await s.query('COMMIT')
    } catch (err) {
      await s.query('ROLLBACK').catch(() => {})
      throw err
    }
  })
  const migratedAfter = await migrateToLatest(database.db)
  return { manifest, migratedAfter }
}

async function load(s: CopySession, path: string, manifest: Manifest, secret: Secret | undefined, log: (line: string) => void): Promise<void> {
  const target = new Map((await listTables(s)).map((t) => [t.name, t]))
  const names = [...target.keys()]
  for (const t of manifest.tables) {
    const have = target.get(t.name)
    if (!have || have.columns.join() !== t.columns.join()) throw new BackupFileError('damaged', `its table ${t.name} does not match the schema of migration ${manifest.migration}`)
  }
  if (target.size !== manifest.tables.length) throw new BackupFileError('damaged', `it lacks tables of the schema of migration ${manifest.migration}`)
  await clearForLoad(s, names)
  // Built again in bulk after the load, in this same transaction: a key a row breaks still fails it.
  const foreignKeys = await dropForeignKeys(s, names)
  const indexes = await dropSecondaryIndexes(s, names)
  const it = readFrames(path, secret)[Symbol.asyncIterator]()
  try {
    await loadRows(s, manifest, it, log)
  } finally {
    // Closes the file whether the load finished or failed.
    await it.return?.(undefined)
  }
  log(`Building ${indexes.length} indexes…`)
  for (const def of indexes) await s.query(def)
  log(`Checking ${foreignKeys.length} foreign keys…`)
  for (const def of foreignKeys) await s.query(def)
  for (const v of manifest.sequences) await writeSequence(s, v)
  await enableTriggers(s, names)
}

async function loadRows(s: CopySession, manifest: Manifest, it: AsyncIterator<Frame>, log: (line: string) => void): Promise<void> {
  const next = async () => {
    const r = await it.next()
    if (r.done) throw new BackupFileError('truncated', 'it ended while being loaded')
    return r.value
  }
  await next()
  for (const entry of manifest.tables) {
    const t = await next()
    if (t.type !== FrameType.table) throw new BackupFileError('damaged', 'it changed while being loaded')
    const hash = createHash('sha256')
    async function* rows(): AsyncGenerator<Buffer> {
      for (let f = await next(); f.type !== FrameType.end; f = await next()) {
        hash.update(f.payload)
        yield f.payload
      }
    }
    const loaded = await s.copyIn(entry.name, entry.columns, rows())
    checkLoaded(entry, loaded, hash.digest('hex'))
    if (entry.rows > 0) log(`  ${entry.name}: ${entry.rows} rows`)
  }
}

function checkLoaded(entry: TableEntry, loaded: number, sha256: string) {
  if (sha256 !== entry.sha256) throw new BackupFileError('damaged', `the rows of ${entry.name} changed while being loaded`)
  if (loaded !== entry.rows) throw new Error(`Loaded ${loaded} rows into ${entry.name} where the backup holds ${entry.rows}; the restore was rolled back.`)
}
