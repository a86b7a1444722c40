import type { Db } from '../../db/database'
import type { RequestContext } from '../../server/context'
import { AppError } from '../../server/errors'
import { recordAuditBatch, type AuditEvent } from '../audit/audit.service'
import { dealDocuments, followDeals } from '../opportunities/opportunities.followers'
import { AUDIT_ENTITY, ENTITY_TABLE } from './batch'
import * as repo from './imports.repository'
import type { ImportEntity, ImportUndoResult } from './imports.schema'
import { removeImportedMembers } from './list-members'
import { restoreDealLines } from './deal-lines'
import type { StoredLine } from './deal-lines.repository'
import { teamsInUse } from './users-import.repository'

/** Journal rows a transaction undoes: PGlite's one connection is free between pages. */
export const UNDO_PAGE = 5000
const MAX_REPORTED = 1000
const FIRST_ROW = -2147483648
/** What an import can create: its records, and users and the teams a users import made. */
const TABLES = { ...ENTITY_TABLE, users: 'users', teams: 'teams' } as const
const AUDITED = { ...AUDIT_ENTITY, users: 'user', teams: 'team' } as const

/**
 * Undoes a completed import page by page, each page one transaction: records it created are
 * removed (soft delete), members it added to a list leave it, and records it updated get their
 * overwritten fields back — each only while its version is still the one the import left, so a
 * later edit by someone is never lost; those are reported. While an undo is under way the import stays `completed` with `undoneAt` set (when
 * it started) and `committedRow` the last journal row undone: a call after a crash resumes there
 * (and reports what it did itself); the last page sets `undone`.
 */
export async function undoImport(db: Db, ctx: RequestContext, id: string, opts: { pageSize?: number } = {}): Promise<ImportUndoResult> {
  const pageSize = opts.pageSize ?? UNDO_PAGE
  const result: ImportUndoResult = { removed: 0, restored: 0, notUndone: [] }
  const note = (rowNumber: number, entityId: string, reason: string) => {
    if (result.notUndone.length < MAX_REPORTED) result.notUndone.push({ row: rowNumber, entityId, reason })
  }
  for (let first = true; ; first = false) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await repo.lockImport(trx, id)
      if (!row || (row.createdBy !== ctx.actor.userId && ctx.actor.role !== 'admin')) throw new AppError('IMPORT_NOT_FOUND')
      // Another call finished the undo between two of our pages.
      if (!first && row.status === 'undone') return true
      if (row.status !== 'completed') throw new AppError('IMPORT_STATE_CONFLICT', row.status === 'undone' ? 'The import is already undone' : `Only a completed import can be undone (this one is ${row.status})`)
      const entity = row.entity as ImportEntity
      const after = row.undoneAt ? row.committedRow : FIRST_ROW
      const page = await repo.journalPage(trx, id, ['created', 'updated'], after, pageSize)
      const audits: AuditEvent[] = []
      const removed = new Set<string>()
      // Customers created for missing references, and leads for unknown e-mails, are journalled with their own entity.
      const removeCreated = async (target: keyof typeof TABLES) => {
        let created = page.filter((r) => r.outcome === 'created' && ((r.entity as ImportEntity | null) ?? entity) === target)
        if (created.length === 0) return
        // A team keeps a user the undo left (one activated since): it stays with him.
        if (target === 'teams') {
          const inUse = new Set(await teamsInUse(trx, created.map((r) => r.entityId!)))
          for (const r of created) if (inUse.has(r.entityId!)) note(r.rowNumber, r.entityId!, 'Still has users')
          created = created.filter((r) => !inUse.has(r.entityId!))
        }
        const gone = await repo.softDeleteUnchanged(trx, TABLES[target], created.map((r) => r.entityId!))
        for (const g of gone) removed.add(g)
        for (const r of created) if (!removed.has(r.entityId!)) note(r.rowNumber, r.entityId!, 'Changed or deleted since the import')
        audits.push(...gone.map((entityId) => ({ action: 'delete', entity: AUDITED[target], entityId, changes: { undoneImport: { before: null, after: id } } })))
      }
      if (entity === 'mailing-list-members') {
        await removeCreated('leads')
        const members = page.filter((r) => r.outcome === 'created' && r.entity === null).map((r) => r.entityId!)
        const undone = await removeImportedMembers(trx, row.options!.listId as string, members, id)
        result.removed += undone.removed
        if (undone.audit) audits.push(undone.audit)
      } else {
        for (const target of new Set([entity, entity === 'users' ? 'teams' as const : 'customers' as const])) await removeCreated(target)
        const table = TABLES[entity]
        const handedBack: string[] = []
        for (const r of page.filter((x) => x.outcome === 'updated')) {
          const { lines, ...before } = { ...(r.before ?? {}) } as Record<string, unknown> & { lines?: StoredLine[] }
          if ('address' in before) before.address = before.address == null ? null : JSON.stringify(before.address)
          for (const k of ['closedAt', 'createdAt']) if (typeof before[k] === 'string') before[k] = new Date(before[k] as string)
          const ok = await repo.updateRecord(trx, table, r.entityId!, r.afterVersion!, before)
          if (!ok) {
            note(r.rowNumber, r.entityId!, 'Changed since the import')
            continue
          }
          if (lines) await restoreDealLines(trx, r.entityId!, lines)
          result.restored++
          audits.push({ action: 'update', entity: AUDITED[entity], entityId: r.entityId!, changes: { undoneImport: { before: null, after: id }, restored: { before: null, after: r.before } } })
          if (entity === 'opportunities' && 'ownerId' in before) handedBack.push(r.entityId!)
        }
        audits.push(...(await followDeals(trx, dealDocuments, handedBack)))
      }
      result.removed += removed.size
      if (audits.length) await recordAuditBatch(trx, ctx, audits)
      if (page.length < pageSize) {
        await repo.updateImport(trx, id, { status: 'undone', undoneAt: new Date() })
        // Normally gone when the import completed; a crash between that and the clean-up leaves them.
        await repo.deleteChunks(trx, id)
        return true
      }
      await repo.updateImport(trx, id, { undoneAt: row.undoneAt ?? new Date(), committedRow: page.at(-1)!.rowNumber })
      return false
    })
    if (done) return result
  }
}
