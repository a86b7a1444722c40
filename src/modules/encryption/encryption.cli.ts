import type { Db } from '../../db/database'
import { ENCRYPTABLE_FIELDS } from './encryption.fields'
import { readResealProgress, reseal } from './encryption.reseal'
import { listKeys } from './encryption.repository'
import type { EncryptionService } from './encryption.service'

type Out = { write(s: string): unknown }

/** `kith keys rotate`: a new data key, then every chosen field re-sealed under it in batches (resumes a pass cut off). */
export async function runKeysRotate(db: Db, enc: EncryptionService, opts: { batch: number }, out: Out): Promise<void> {
  await enc.keyring.check()
  let last = 0
  const done = await reseal(db, enc, {
    rotate: true,
    batchSize: opts.batch,
    onBatch: (p) => {
      if (Date.now() - last > 1000) {
        last = Date.now()
        out.write(`… ${p.field} up to ${p.afterId}: ${p.changed} values re-sealed\n`)
      }
    },
  })
  out.write(`${done.resumed ? 'Resumed and finished' : 'Finished'}: ${done.changed} values under data key ${done.keyId}.\n`)
}

/** `kith keys status`: the master key's fingerprint, the data keys, the chosen fields and the last pass. */
export async function runKeysStatus(db: Db, enc: EncryptionService, out: Out): Promise<void> {
  await enc.keyring.check()
  const keys = await listKeys(db)
  out.write(`Master key: ${enc.keyring.fingerprint ? `fingerprint ${enc.keyring.fingerprint}` : 'not set (KITH_ENCRYPTION_KEY)'}\n`)
  for (const k of keys) out.write(`Data key ${k.id}  ${k.createdAt.toISOString()}${k.active ? '  (active)' : ''}\n`)
  const chosen = (await enc.setting(db)).fields
  for (const f of ENCRYPTABLE_FIELDS) out.write(`${chosen.includes(f) ? '[x]' : '[ ]'} ${f}\n`)
  const p = await readResealProgress(db)
  if (p) out.write(p.finishedAt ? `Last pass finished ${p.finishedAt}: ${p.changed} values.\n` : `A pass is unfinished (at ${p.field} ${p.afterId}): run kith keys rotate to resume it.\n`)
}
