import type { ImportStatus } from './imports.schema'
import type { ImportRowsTable } from './imports.table'
import type { ImportRow } from './imports.service'
import type { Selectable } from 'kysely'

export function toStatus(row: ImportRow, invalid: Selectable<ImportRowsTable>[], warned: { rowNumber: number; errors: { path: string; message: string }[] | null }[] = []): ImportStatus {
  return {
    id: row.id,
    entity: row.entity as ImportStatus['entity'],
    status: row.status as ImportStatus['status'],
    phase: row.status === 'running' ? (row.phase as 'validate' | 'write' | null) : null,
    fileName: row.fileName,
    size: row.size,
    options: (row.options as ImportStatus['options']) ?? null,
    progress: { processed: row.processedRows, total: row.totalRows },
    counts: { created: row.createdCount, updated: row.updatedCount, skipped: row.skippedCount, invalid: row.invalidCount },
    rowErrors: invalid.map((r) => ({ row: r.rowNumber, errors: r.errors ?? [] })),
    rowWarnings: warned.map((r) => ({ row: r.rowNumber, errors: r.errors ?? [] })),
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    // Set from the first page of an undo on (its resume marker); shown once the undo is done.
    undoneAt: row.status === 'undone' ? (row.undoneAt?.toISOString() ?? null) : null,
  }
}
