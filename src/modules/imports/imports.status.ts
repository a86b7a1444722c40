import type { ImportStatus } from './imports.schema'
import type { ImportRowsTable } from './imports.table'
import type { ImportRow } from './imports.service'
import type { Selectable } from 'kysely'

type JournalRow = Selectable<ImportRowsTable>
/** A page of journal rows and the row number to ask after for the next one (fetched one longer to know). */
export interface JournalPage {
  rows: JournalRow[]
  next: number | null
}
const EMPTY: JournalPage = { rows: [], next: null }

export function toStatus(row: ImportRow, invalid: JournalPage = EMPTY, duplicates: JournalPage = EMPTY, warned: { rowNumber: number; errors: { path: string; message: string }[] | null }[] = []): ImportStatus {
  return {
    id: row.id,
    entity: row.entity as ImportStatus['entity'],
    status: row.status as ImportStatus['status'],
    phase: row.status === 'running' ? (row.phase as 'validate' | 'write' | null) : null,
    fileName: row.fileName,
    size: row.size,
    options: (row.options as ImportStatus['options']) ?? null,
    progress: { processed: row.processedRows, total: row.totalRows },
    counts: { created: row.createdCount, updated: row.updatedCount, unchanged: row.unchangedCount, merged: row.mergedCount, skipped: row.skippedCount, invalid: row.invalidCount },
    rowErrors: invalid.rows.map((r) => ({ row: r.rowNumber, errors: r.errors ?? [] })),
    rowErrorsNext: invalid.next,
    duplicates: duplicates.rows.map((r) => ({ row: r.rowNumber, key: r.matchKey ?? '', existingId: r.entityId, existingName: r.matchName ?? '', matchedRow: r.matchedRow })),
    duplicatesNext: duplicates.next,
    blankDates: row.blankDates ?? {},
    rowWarnings: warned.map((r) => ({ row: r.rowNumber, errors: r.errors ?? [] })),
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    // Set from the first page of an undo on (its resume marker); shown once the undo is done.
    undoneAt: row.status === 'undone' ? (row.undoneAt?.toISOString() ?? null) : null,
  }
}
