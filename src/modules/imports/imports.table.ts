import type { Generated, JSONColumnType } from 'kysely'

export interface ImportsTable {
  id: string
  entity: string
  status: Generated<string>
  phase: string | null
  fileName: string
  size: Generated<number>
  format: 'csv' | 'xlsx' | 'vcard'
  encoding: string | null
  delimiter: string | null
  sheet: string | null
  headerRow: Generated<number>
  columns: JSONColumnType<string[], string | undefined, string>
  options: JSONColumnType<Record<string, unknown> | null, string | null, string | null>
  totalRows: number | null
  processedRows: Generated<number>
  /** The last file row whose write batch committed: a resumed job starts after it. */
  committedRow: Generated<number>
  createdCount: Generated<number>
  updatedCount: Generated<number>
  skippedCount: Generated<number>
  unchangedCount: Generated<number>
  mergedCount: Generated<number>
  invalidCount: Generated<number>
  error: string | null
  /** Validated rows with a blank cell in a mapped date field, per field. */
  blankDates: JSONColumnType<Record<string, number> | null, string | null, string | null>
  createdBy: string | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  finishedAt: Date | null
  undoneAt: Date | null
  version: Generated<number>
  /** Taken by each run when it starts: a write of an older run (one taken for dead) changes nothing. */
  runEpoch: Generated<number>
}

export interface ImportChunksTable {
  importId: string
  seq: number
  data: Buffer
}

export interface ImportRowsTable {
  importId: string
  rowNumber: number
  outcome: 'created' | 'updated' | 'invalid' | 'duplicate'
  /** Set when the record is of another entity than the import's: a customer created for a missing reference (row number negated). */
  entity: string | null
  entityId: string | null
  /** Updated rows: the columns the import overwrote, as they were (undo restores them). */
  before: JSONColumnType<Record<string, unknown> | null, string | null, string | null>
  afterVersion: number | null
  /** Invalid rows: the original cells (errors.csv). */
  cells: JSONColumnType<string[] | null, string | null, string | null>
  errors: JSONColumnType<{ path: string; message: string }[] | null, string | null, string | null>
  /** Duplicate rows: the key as the file gave it, and the live record (entityId, its name) or earlier row it matched. */
  matchKey: string | null
  matchName: string | null
  matchedRow: number | null
}
