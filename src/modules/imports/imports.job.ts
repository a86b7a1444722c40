import type { EncryptionService } from '../encryption/encryption.service'
import { setImmediate } from 'node:timers/promises'
import type { Transaction } from 'kysely'
import type { Db, DB } from '../../db/database'
import type { RequestContext } from '../../server/context'
import { AppError } from '../../server/errors'
import { duplicateJournal, sealJournal, ENTITY_TABLE, IO_SLICE, importLocale, planBatch, plansAhead, processBatch, type BatchEnv, type RowResult } from './batch'
import * as repo from './imports.repository'
import { importOptionsSchema, type ImportEntity } from './imports.schema'
import { proposeMapping } from './mapping'
import { makePlan, prepareRow, type PreparedRow } from './prepare'
import { plannerStats } from './planner-stats'
import { readAhead } from './read-ahead'
import { readRecords } from './readers'
import { chunkSource } from './source'
import { fieldsOf } from './targets'

/** Rows a write transaction takes: big enough that set-based statements amortise, small enough for flat memory. */
export const BATCH_SIZE = 5000

export interface ImportJobDeps {
  db: Db
  defaultRegion: string
  /** Field encryption: imported customers and contacts are sealed as the services seal them. */
  encryption?: EncryptionService
  batchSize?: number
  /** Called after each committed batch (CLI progress bar). */
  onProgress?: (p: { phase: 'validate' | 'write'; processed: number; total: number | null }) => void
}

const tally = (results: RowResult[]) => ({
  created: results.filter((r) => r.outcome === 'create').length,
  updated: results.filter((r) => r.outcome === 'update').length,
  unchanged: results.filter((r) => r.outcome === 'unchanged').length,
  merged: results.filter((r) => r.outcome === 'merged').length,
  skipped: results.filter((r) => r.outcome === 'skip').length,
  invalid: results.filter((r) => r.outcome === 'invalid').length,
})

/** Thrown inside a run that a newer run of the same import superseded (fencing): its transaction rolls back. */
class SupersededRun extends Error {}

/**
 * Works one import. Pass 1 validates every row without writing (a dry run ends here; so does a
 * file with invalid rows unless skipInvalid). Pass 2 writes in batches, each one transaction that
 * also moves imports.committed_row: a crashed job resumes after the last committed batch, so no
 * row is written twice and none is lost. Running it again on a finished import does nothing.
 *
 * Two runs of one import never both write (a run taken for dead after a crash may only be paused):
 * each run takes a new epoch when it starts, and every write transaction checks it still holds it
 * (a batch's in addProgress, with the resume point it started from), so a superseded run's writes
 * roll back and it stops.
 */
export async function runImport(deps: ImportJobDeps, id: string): Promise<void> {
  try {
    await run(deps, id)
  } catch (err) {
    if (!(err instanceof SupersededRun)) throw err
  }
}

async function run(deps: ImportJobDeps, id: string): Promise<void> {
  const { db } = deps
  const batchSize = deps.batchSize ?? BATCH_SIZE
  // The epoch first, the import after: what an older run committed before is all visible now, and nothing it writes later is.
  const epoch = await repo.beginRun(db, id)
  if (epoch === undefined) return
  const row = await repo.findImport(db, id)
  if (!row || row.status !== 'running') return
  const fenced = <T>(fn: (trx: Transaction<DB>) => Promise<T>) =>
    db.transaction().execute(async (trx) => {
      if (!(await repo.lockRun(trx, id, epoch))) throw new SupersededRun()
      return fn(trx)
    })
  // A failed import cannot be started again: its upload goes with the verdict (errors.csv reads the journal).
  const fail = (patch: Parameters<typeof repo.updateImport>[2]) =>
    fenced(async (trx) => {
      await repo.updateImport(trx, id, { ...patch, status: 'failed', phase: null, finishedAt: new Date() })
      await repo.deleteChunks(trx, id)
    })
  const creator = row.createdBy ? await repo.findActor(db, row.createdBy) : undefined
  if (!creator || !creator.active) {
    await fail({ error: 'The user who started the import is no longer active' })
    return
  }
  const ctx: RequestContext = { actor: { userId: creator.id, role: creator.role, teamId: creator.teamId }, requestId: `import:${id}` }
  const options = importOptionsSchema.parse(row.options)
  const entity = options.entity as ImportEntity
  const stages = await repo.stagesForImport(db)
  const fields = fieldsOf(entity, stages)
  const src = chunkSource(db, id, row.size)
  const info = { format: row.format, encoding: row.encoding, delimiter: row.delimiter, sheets: [], sheet: row.sheet }

  // The proposal comes from the same first rows the wizard saw, so "auto" means the same here.
  let plan: ReturnType<typeof makePlan> | undefined
  async function* batches(after: number, yieldEvery = Infinity): AsyncGenerator<PreparedRow[]> {
    let batch: PreparedRow[] = []
    let sample: string[][] | null = []
    let held: { row: number; cells: string[] }[] = []
    for await (const rec of readRecords(src, info, options.lang)) {
      if (rec.row <= row!.headerRow) continue
      if (!plan) {
        sample!.push(rec.cells)
        held.push(rec)
        if (sample!.length < 20) continue
        plan = makePlan(row!.columns, fields, options, proposeMapping(row!.columns, sample!, fields))
        sample = null
      }
      for (const r of held.length ? held : [rec]) {
        if (r.row <= after) continue
        batch.push(prepareRow(plan, r))
        if (batch.length % yieldEvery === 0) await setImmediate()
        if (batch.length >= batchSize) {
          yield batch
          batch = []
        }
      }
      held = []
    }
    if (!plan) {
      plan = makePlan(row!.columns, fields, options, proposeMapping(row!.columns, sample ?? [], fields))
      for (const r of held) if (r.row > after) batch.push(prepareRow(plan, r))
    }
    if (batch.length) yield batch
  }

  const locale = await importLocale(db, options)
  const env = (exec: BatchEnv['exec'], write: boolean): BatchEnv => ({ exec, ctx, entity, options, stages, defaultRegion: deps.defaultRegion, encryption: deps.encryption, ...locale, importId: id, write })

  try {
    if (row.phase === 'validate') {
      await fenced((trx) => repo.deleteJournal(trx, id, ['invalid', 'duplicate']))
      const counts = { created: 0, updated: 0, unchanged: 0, merged: 0, skipped: 0, invalid: 0 }
      let processed = 0
      const blankDates: Record<string, number> = {}
      for await (const batch of readAhead(batches(0), async (b) => b)) {
        for (const r of batch) for (const key of r.blankDates ?? []) blankDates[key] = (blankDates[key] ?? 0) + 1
        const results = await processBatch(env(db, false), batch)
        const t = tally(results)
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += t[k]
        processed += batch.length
        await fenced(async (trx) => {
          await repo.insertJournalSet(trx, await sealJournal({ ...env(trx, false) }, [
            ...results.filter((r) => r.outcome === 'invalid').map((r) => ({
              importId: id, rowNumber: r.row, outcome: 'invalid', entityId: null, before: null, afterVersion: null, cells: r.cells, errors: r.errors,
            })),
            ...duplicateJournal(id, results),
          ]))
          await repo.updateImport(trx, id, { processedRows: processed })
        })
        deps.onProgress?.({ phase: 'validate', processed, total: null })
      }
      const totals = {
        totalRows: processed, createdCount: counts.created, updatedCount: counts.updated, unchangedCount: counts.unchanged, mergedCount: counts.merged,
        skippedCount: counts.skipped, invalidCount: counts.invalid, blankDates: JSON.stringify(blankDates),
      }
      if (processed === 0) {
        await fail({ ...totals, error: 'The file has no data rows.' })
        return
      }
      if (options.dryRun) {
        await fenced((trx) => repo.updateImport(trx, id, { ...totals, status: 'dry_run_done', phase: null, finishedAt: new Date() }))
        return
      }
      if (counts.invalid > 0 && !options.skipInvalid) {
        await fail({
          ...totals,
          error: `${counts.invalid} of ${processed} rows are invalid, so nothing was imported. Fix them (download the rejected rows) or choose to skip invalid rows.`,
        })
        return
      }
      // The write pass finds the duplicates again (repeats across batches too, once written).
      await fenced(async (trx) => {
        await repo.deleteJournal(trx, id, ['duplicate'])
        await repo.updateImport(trx, id, { totalRows: processed, phase: 'write', processedRows: 0, committedRow: 0, createdCount: 0, updatedCount: 0, unchangedCount: 0, mergedCount: 0, skippedCount: 0, invalidCount: 0 })
      })
    }
    const current = (await repo.findImport(db, id))!
    let processed = current.processedRows
    let committed = current.committedRow
    // Validating a batch only reads (plansAhead), so it is done ahead, beside the previous batch's write.
    const planned = readAhead(batches(current.committedRow, IO_SLICE), async (batch) => ({
      batch,
      planned: plansAhead(entity) ? await planBatch(env(db, true), batch, IO_SLICE) : undefined,
    }))
    const stats = entity === 'mailing-list-members' || entity === 'users' ? undefined : plannerStats(db, ENTITY_TABLE[entity])
    for await (const { batch, planned: plan } of planned) {
      const created = await db.transaction().execute(async (trx) => {
        const results = await processBatch(env(trx, true), batch, plan)
        const counts = tally(results)
        if (!(await repo.addProgress(trx, id, epoch, committed, { row: batch.at(-1)!.row, processed: batch.length, ...counts }))) throw new SupersededRun()
        return counts.created
      })
      committed = batch.at(-1)!.row
      stats?.added(created)
      processed += batch.length
      deps.onProgress?.({ phase: 'write', processed, total: current.totalRows })
    }
    await stats?.settle()
    await fenced(async (trx) => {
      await repo.updateImport(trx, id, { status: 'completed', phase: null, finishedAt: new Date() })
      await repo.deleteChunks(trx, id)
    })
  } catch (err) {
    // A file that turns out unreadable further down fails for good; anything else is retried (and resumes).
    if (err instanceof AppError) {
      await fail({ error: err.message })
      return
    }
    throw err
  }
}
