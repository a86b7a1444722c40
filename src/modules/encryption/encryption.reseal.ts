import type { Db } from '../../db/database'
import { getSetting, putSetting } from '../../db/settings.repository'
import { ENCRYPTABLE, ENCRYPTABLE_FIELDS, type EncryptableField, type FieldDef } from './encryption.fields'
import { blindColumns } from './blind'
import { pendingValues, replaceValues } from './encryption.repository'
import type { EncryptionService } from './encryption.service'

const PROGRESS = 'encryption_reseal'

export interface ResealProgress {
  keyId: string
  field: EncryptableField | null
  afterId: string | null
  changed: number
  startedAt: string
  finishedAt: string | null
}

export interface ResealOptions {
  /** Start with a new data key (`kith keys rotate`); an unfinished pass is resumed instead. */
  rotate?: boolean
  batchSize?: number
  /** How long other copies take to notice a new active key (keyring's re-read interval). */
  settleMs?: number
  onBatch?: (p: ResealProgress) => void
  /** Stops after this many batches (tests of an interrupted pass). */
  maxBatches?: number
}

export const readResealProgress = (db: Db) => getSetting<ResealProgress>(db, PROGRESS)

/**
 * Brings every encryptable field to what is chosen now: chosen fields sealed under the active
 * key, others in the clear. In batches by id, each committed with its position, so a pass cut
 * off anywhere (crash, kill) resumes where it stopped; it runs while the server serves. Writes
 * made meanwhile by copies still sealing with the old key are caught by repeating the scan
 * until it finds nothing left.
 */
export async function reseal(db: Db, enc: EncryptionService, opts: ResealOptions = {}): Promise<ResealProgress & { resumed: boolean }> {
  const batchSize = opts.batchSize ?? 1000
  let progress = await readResealProgress(db)
  const resumed = !!progress && !progress.finishedAt
  if (!resumed && opts.rotate) {
    await enc.keyring.rotate()
    await new Promise((r) => setTimeout(r, opts.settleMs ?? 6_000))
  }
  const active = await enc.keyring.active()
  if (!progress || progress.finishedAt || progress.keyId !== active.id) {
    progress = { keyId: active.id, field: ENCRYPTABLE_FIELDS[0]!, afterId: null, changed: 0, startedAt: new Date().toISOString(), finishedAt: null }
    await putSetting(db, PROGRESS, progress)
  }
  const chosen = new Set([...(await enc.setting(db, true)).fields, ...(enc.keyring.configured ? ENCRYPTABLE_FIELDS.filter((f) => ENCRYPTABLE[f].always) : [])])
  let batches = 0

  // A resumed pass starts where it stopped; only a whole pass that finds nothing ends the work.
  for (let pass = 0; pass < 10; pass++) {
    let found = 0
    const start = pass === 0 && progress.field ? ENCRYPTABLE_FIELDS.indexOf(progress.field) : 0
    for (const field of ENCRYPTABLE_FIELDS.slice(start)) {
      let afterId = progress.field === field ? progress.afterId : null
      for (;;) {
        if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return { ...progress, resumed }
        const rows = await pendingValues(db, field, chosen.has(field), active.id, afterId, batchSize)
        if (!rows.length) break
        found += rows.length
        const next = await Promise.all(rows.map(async (r) => {
          const plain = (await enc.convert(field, r.id, r.value, 'open')) as string
          const value = chosen.has(field) ? ((await enc.convert(field, r.id, plain, 'sealed')) as string) : plain
          const def: FieldDef = ENCRYPTABLE[field]
          const blind = def.blind ? blindColumns(chosen.has(field) ? enc.keyring.blindKey : null, def.blind, plain) : undefined
          return { id: r.id, old: r.value, new: value, blind }
        }))
        afterId = rows[rows.length - 1]!.id
        const p: ResealProgress = { ...progress, field, afterId }
        p.changed += await db.transaction().execute(async (trx) => {
          const n = await replaceValues(trx, field, next)
          await putSetting(trx, PROGRESS, { ...p, changed: p.changed + n })
          return n
        })
        progress = p
        batches++
        opts.onBatch?.(progress)
      }
      progress = { ...progress, field: null, afterId: null }
    }
    if (!found && start === 0) break
  }
  progress = { ...progress, field: null, afterId: null, finishedAt: new Date().toISOString() }
  await putSetting(db, PROGRESS, progress)
  return { ...progress, resumed }
}
