import { createHash } from 'node:crypto'
import type { Database } from '../../db/database'
import { appliedMigrations, listTables, readSequences } from '../../db/backup-catalog'
import { DATA_FRAME, FORMAT, FrameType, frame, writeBackupFile, type Secret } from './backup.file'
import { countLines, type Manifest } from './backup.manifest'

export interface BackupResult {
  manifest: Manifest
  bytes: number
}

/**
 * Writes every application table to `out` from one snapshot (REPEATABLE READ on PostgreSQL, so
 * the server keeps running and the copy is consistent; on PGlite the one connection is held).
 */
export async function createBackup(database: Database, out: string, secret?: Secret, now = () => new Date()): Promise<BackupResult> {
  return database.copySession(async (s) => {
    await s.query(database.kind === 'postgres' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN READ ONLY')
    try {
      const migration = (await appliedMigrations(s)).at(-1)
      if (!migration) throw new Error('The database has no Kith schema yet: there is nothing to back up.')
      const tables = await listTables(s)
      const manifest: Manifest = { format: FORMAT, migration, createdAt: now().toISOString(), source: database.kind, tables: [], sequences: [] }
      async function* frames(): AsyncGenerator<Buffer> {
        const { tables: _t, sequences: _s, ...start } = manifest
        yield frame(FrameType.start, JSON.stringify(start))
        for (const t of tables) {
          yield frame(FrameType.table, JSON.stringify(t))
          const hash = createHash('sha256')
          let rows = 0
          let bytes = 0
          for await (const chunk of s.copyOut(t.name, t.columns)) {
            hash.update(chunk)
            rows += countLines(chunk)
            bytes += chunk.length
            for (let i = 0; i < chunk.length; i += DATA_FRAME) yield frame(FrameType.data, chunk.subarray(i, i + DATA_FRAME))
          }
          yield frame(FrameType.end, '')
          manifest.tables.push({ ...t, rows, bytes, sha256: hash.digest('hex') })
        }
        // Read after the rows: a number handed out meanwhile only leaves a gap, never a repeat.
        manifest.sequences = await readSequences(s)
        yield frame(FrameType.manifest, JSON.stringify(manifest))
      }
      const bytes = await writeBackupFile(out, frames(), secret)
      await s.query('COMMIT')
      return { manifest, bytes }
    } catch (err) {
      await s.query('ROLLBACK').catch(() => {})
      throw err
    }
  })
}
