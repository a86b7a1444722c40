import { sql } from 'kysely'
import type { Executor } from '../../db/database'
import { ENCRYPTABLE, type EncryptableField } from './encryption.fields'
import type { BlindColumns } from './blind'

const SEALED = 'kenc:v1:'

export const listKeys = (db: Executor) =>
  db.selectFrom('encryptionKeys').select(['id', 'active', 'createdAt', 'masterFingerprint']).orderBy('createdAt').execute()

/** The stored texts of a field that the pass must look at: sealed ones for an open field, those not under `keyId` for a chosen one. */
function needsWork(field: EncryptableField, chosen: boolean, keyId: string) {
  const def = ENCRYPTABLE[field]
  const texts = def.parts ? def.parts.map((p) => sql`(${sql.ref(def.column)} ->> ${p})`) : [sql.ref(def.column)]
  const one = (t: ReturnType<typeof sql>) =>
    chosen ? sql`(${t} IS NOT NULL AND ${t} NOT LIKE ${`${SEALED}${keyId}:%`})` : sql`(${t} LIKE ${`${SEALED}%`})`
  const arms = texts.map(one)
  // A blind index missing (chosen) or left over (not chosen) is work too.
  if (def.blind) {
    const bidx = sql.ref(def.blind === 'email' ? 'email_bidx' : 'phone_bidx')
    arms.push(chosen ? sql`(${sql.ref(def.column)} IS NOT NULL AND ${bidx} IS NULL)` : sql`(${bidx} IS NOT NULL)`)
  }
  return sql.join(arms, sql` OR `)
}

/** The next rows (by id) whose field is not yet as the pass wants it. */
export async function pendingValues(db: Executor, field: EncryptableField, chosen: boolean, keyId: string, afterId: string | null, limit: number) {
  const def = ENCRYPTABLE[field]
  const value = def.parts ? sql`${sql.ref(def.column)}::text` : sql.ref(def.column)
  const id = sql.ref(def.key ?? 'id')
  const { rows } = await sql<{ id: string; value: string }>`
    SELECT ${id} AS id, ${value} AS value FROM ${sql.table(def.table)}
    WHERE (${needsWork(field, chosen, keyId)}) ${afterId ? sql`AND ${id} > ${afterId}` : sql``}
    ORDER BY ${id} LIMIT ${limit}`.execute(db)
  return rows
}

/**
 * Writes the pass's new values where the stored value is still the one it read: a user's edit
 * in between wins (and was sealed with the current key), nothing is overwritten with stale text.
 * Not a user edit, so neither version nor updated_at moves.
 */
export async function replaceValues(trx: Executor, field: EncryptableField, rows: { id: string; old: string; new: string; blind?: BlindColumns }[]): Promise<number> {
  if (!rows.length) return 0
  const def = ENCRYPTABLE[field]
  const col = sql.ref(def.column)
  const cast = def.parts ? sql`::jsonb` : sql``
  // The blind index travels with the value: one text each, phone endings space-separated (base64url has no space).
  const index = rows.map((r) => (def.blind === 'email' ? r.blind?.emailBidx : r.blind?.phoneBidx) ?? null)
  const tails = rows.map((r) => r.blind?.phoneTails?.join(' ') ?? null)
  const setBlind =
    def.blind === 'email' ? sql`, email_bidx = v.bidx` : def.blind === 'phone' ? sql`, phone_bidx = v.bidx, phone_tails = string_to_array(v.tails, ' ')` : sql``
  const result = await sql`
    UPDATE ${sql.table(def.table)} AS t SET ${col} = v.new${cast}${setBlind}
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.old)}::text[], ${rows.map((r) => r.new)}::text[], ${index}::text[], ${tails}::text[]) AS v(id, old, new, bidx, tails)
    WHERE t.${sql.ref(def.key ?? 'id')} = v.id AND t.${col} = v.old${cast}`.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}
