import type { Db, Executor } from '../../db/database'
import { getSetting, putSetting } from '../../db/settings.repository'
import { isSealed, open, seal, sealedKeyId } from '../../lib/field-cipher'
import type { FieldChanges } from '../../lib/diff'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { ENCRYPTABLE, ENCRYPTABLE_FIELDS, entityOf, propertyOf, type EncryptableField, type FieldDef } from './encryption.fields'
import type { Jobs } from '../../server/jobs'
import type { Keyring } from './keyring'
import { readResealProgress, reseal } from './encryption.reseal'
import { listKeys } from './encryption.repository'
import type { EncryptionStatus } from './encryption.schema'
import { blindColumns, emailIndex, phoneIndex, termIndexes, type BlindColumns, type BlindTerm } from './blind'

const SETTING = 'encryption_fields'
export const RESEAL_JOB = 'encryption-reseal'
export type Entity = 'tickets' | 'ticketComments' | 'userTwoFactor' | 'customers' | 'contacts'

interface FieldsSetting {
  fields: EncryptableField[]
  version: number
}

const aad = (field: EncryptableField, rowId: string, part?: string) => `${field}${part ? `.${part}` : ''}:${rowId}`
/** The audit log's entity names of the records whose fields may be sealed. */
const AUDITED: Record<string, Entity> = { ticket: 'tickets', ticket_comment: 'ticketComments', customer: 'customers', contact: 'contacts' }
const fieldsOf = (entity: Entity) => ENCRYPTABLE_FIELDS.filter((f) => entityOf(f) === entity)

/**
 * Seals the chosen fields on their way into the database and opens them on the way out, so the
 * services above work on plain values and a dump holds none. Which fields are chosen is a
 * setting every copy re-reads within seconds; values written before a field was chosen are
 * sealed by the reseal pass (encryption.reseal.ts), and opened as they are until then.
 */
export function createEncryptionService({ db, keyring, jobs, settingsTtlMs = 5_000 }: { db: Db; keyring: Keyring; jobs: Jobs; settingsTtlMs?: number }) {
  let cached: { value: FieldsSetting; at: number } | null = null

  /** The choice, re-read every few seconds (through the caller's transaction: PGlite has one connection). */
  async function setting(trx: Executor = db, fresh = false): Promise<FieldsSetting> {
    if (!fresh && cached && Date.now() - cached.at < settingsTtlMs) return cached.value
    const value = (await getSetting<FieldsSetting>(trx, SETTING)) ?? { fields: [], version: 0 }
    if (!fresh) cached = { value, at: Date.now() }
    return value
  }

  /** One field's value, sealed (`to: 'sealed'`) or opened; null and absent stay as they are. */
  async function convert(field: EncryptableField, rowId: string, v: unknown, to: 'sealed' | 'open', trx?: Executor): Promise<unknown> {
    if (v === null || v === undefined) return v
    const apply = async (f: EncryptableField, id: string, text: string, part?: string) => {
      if (to === 'sealed') return isSealed(text) ? text : seal(await keyring.active(trx), text, aad(f, id, part))
      return isSealed(text) ? open(await keyring.byId(sealedKeyId(text), trx), text, aad(f, id, part)) : text
    }
    const def = ENCRYPTABLE[field]
    if (!def.parts) return typeof v === 'string' ? apply(field, rowId, v) : v
    const whole = typeof v === 'string' ? JSON.parse(v) : v
    if (!whole || typeof whole !== 'object') return v
    const out: Record<string, unknown> = { ...whole }
    for (const p of def.parts) if (typeof out[p] === 'string') out[p] = await apply(field, rowId, out[p] as string, p)
    return typeof v === 'string' ? JSON.stringify(out) : out
  }

  /**
   * The row as stored: chosen fields sealed, and the blind index of every e-mail or phone it
   * writes filled (chosen) or cleared (not chosen).
   */
  async function sealRow<T extends object>(entity: Entity, rowId: string, row: T, trx?: Executor): Promise<T & BlindColumns> {
    const chosen = (await setting(trx)).fields
    const out = { ...row } as Record<string, unknown>
    for (const f of fieldsOf(entity)) {
      const prop = propertyOf(f)
      if (!(prop in out)) continue
      const def: FieldDef = ENCRYPTABLE[f]
      if (def.blind) Object.assign(out, blindColumns(chosen.includes(f) ? keyring.blindKey : null, def.blind, out[prop] as string | null))
      if (chosen.includes(f)) out[prop] = await convert(f, rowId, out[prop], 'sealed', trx)
    }
    return out as T & BlindColumns
  }

  /** A search term's blind indexes for the chosen e-mail and phone fields of an entity (null: none apply). */
  async function searchIndexes(entity: 'customers' | 'contacts', term: string, region: string): Promise<BlindTerm | null> {
    if (!keyring.blindKey) return null
    const chosen = (await setting()).fields
    const on = (kind: 'email' | 'phone') => fieldsOf(entity).some((f) => ENCRYPTABLE[f].blind === kind && chosen.includes(f))
    const kinds = { email: on('email'), phone: on('phone') }
    return kinds.email || kinds.phone ? termIndexes(keyring.blindKey, term, region, kinds) : null
  }

  /** Opens every sealed field, chosen or not (a field turned off is opened until the reseal pass clears it). */
  async function openRow<T extends object>(entity: Entity, rowId: string, row: T, trx?: Executor): Promise<T> {
    const out = { ...row } as Record<string, unknown>
    for (const f of fieldsOf(entity)) if (propertyOf(f) in out) out[propertyOf(f)] = await convert(f, rowId, out[propertyOf(f)], 'open', trx)
    return out as T
  }

  async function openChanges(entity: Entity, rowId: string, changes: FieldChanges, trx?: Executor): Promise<FieldChanges> {
    const out = { ...changes }
    for (const f of fieldsOf(entity)) {
      const c = out[propertyOf(f)]
      if (c && typeof c === 'object' && 'before' in c) out[propertyOf(f)] = { before: await convert(f, rowId, c.before, 'open', trx), after: await convert(f, rowId, c.after, 'open', trx) }
    }
    // A merge's audit row keeps the fields it filled under `fields`.
    const nested = out.fields as unknown
    if (nested && typeof nested === 'object' && !('before' in nested)) out.fields = (await openChanges(entity, rowId, nested as FieldChanges, trx)) as never
    return out
  }

  const service = {
    keyring,
    setting,
    sealRow,
    openRow,
    searchIndexes,
    /**
     * An import's journal row of customers or contacts while one of their fields is chosen: the
     * file's cells, the duplicate key and the error messages (which may quote a cell) sealed,
     * bound to the import and row. openJournal opens them for the status and the CSV downloads.
     */
    async sealJournal<T extends Record<string, unknown>>(entity: string, row: T, trx?: Executor): Promise<T> {
      if ((entity !== 'customers' && entity !== 'contacts') || !keyring.configured) return row
      const chosen = (await setting(trx)).fields
      if (!fieldsOf(entity).some((f) => chosen.includes(f))) return row
      const place = (what: string) => `imports.${what}:${String(row.importId)}:${String(row.rowNumber)}`
      const key = await keyring.active(trx)
      const out: Record<string, unknown> = { ...row }
      if (Array.isArray(row.cells)) out.cells = seal(key, JSON.stringify(row.cells), place('cells'))
      if (typeof row.matchKey === 'string') out.matchKey = seal(key, row.matchKey, place('matchKey'))
      if (Array.isArray(row.errors)) out.errors = (row.errors as { path: string; message: string }[]).map((e, i) => ({ ...e, message: seal(key, e.message, place(`error${i}`)) }))
      return out as T
    },
    async openJournal<T extends { importId: string; rowNumber: number; cells: unknown; matchKey: string | null; errors: { path: string; message: string }[] | null }>(row: T, trx?: Executor): Promise<T> {
      const place = (what: string) => `imports.${what}:${row.importId}:${row.rowNumber}`
      const text = async (v: string, what: string) => (isSealed(v) ? open(await keyring.byId(sealedKeyId(v), trx), v, place(what)) : v)
      return {
        ...row,
        cells: typeof row.cells === 'string' ? JSON.parse(await text(row.cells, 'cells')) : row.cells,
        matchKey: row.matchKey === null ? null : await text(row.matchKey, 'matchKey'),
        errors: row.errors ? await Promise.all(row.errors.map(async (e, i) => ({ ...e, message: await text(e.message, `error${i}`) }))) : row.errors,
      }
    },

    /** Blind indexes of many e-mails or phones (an import batch's keys), when that field of the entity is chosen; else none. */
    async indexesOf(entity: 'customers' | 'contacts', kind: 'email' | 'phone', keys: string[], trx?: Executor): Promise<string[]> {
      const key = keyring.blindKey
      const field = `${entity}.${kind}` as EncryptableField
      if (!key || !keys.length || !(await setting(trx)).fields.includes(field)) return []
      return keys.map((k) => (kind === 'email' ? emailIndex(key, k) : phoneIndex(key, k)))
    },
    /**
     * A duplicate check's e-mail and phone as blind indexes, for the chosen fields of an entity:
     * sealed values are matched by these, values in the clear as before.
     */
    async matchIndexes(entity: 'customers' | 'contacts', m: { email?: string | null; phone?: string | null }, trx?: Executor): Promise<{ emailBidx?: string; phoneBidx?: string }> {
      const key = keyring.blindKey
      if (!key) return {}
      const chosen = (await setting(trx)).fields
      const on = (kind: 'email' | 'phone') => fieldsOf(entity).some((f) => ENCRYPTABLE[f].blind === kind && chosen.includes(f))
      return {
        ...(m.email && on('email') ? { emailBidx: emailIndex(key, m.email) } : {}),
        ...(m.phone && on('phone') ? { phoneBidx: phoneIndex(key, m.phone) } : {}),
      }
    },
    /** Whether a field is chosen now (within the settings cache's few seconds). */
    chosen: async (field: EncryptableField, trx?: Executor) => (await setting(trx)).fields.includes(field),
    openRows: <T extends { id: string }>(entity: Entity, rows: T[], trx?: Executor) => Promise.all(rows.map((r) => openRow(entity, r.id, r, trx))),
    convert,

    /**
     * A row read raw by column name (the privacy export's generic reader): its encrypted columns
     * opened, and an audit row's sealed before/after of the record it is about.
     */
    async openStored(table: string, row: Record<string, unknown>): Promise<Record<string, unknown>> {
      const out = { ...row }
      for (const f of ENCRYPTABLE_FIELDS) {
        const def = ENCRYPTABLE[f]
        if (def.table === table && def.column in out) out[def.column] = await convert(f, String(out.id), out[def.column], 'open')
      }
      const entity = table === 'audit_log' ? AUDITED[String(out.entity)] : undefined
      if (entity && out.changes && typeof out.changes === 'object') out.changes = await openChanges(entity, String(out.entity_id), out.changes as FieldChanges)
      return out
    },

    /** An audit row's changes with the sealed before/after of an entity's fields opened (a record's history). */
    openChanges,

    /** A stored credential (ENCRYPTABLE `always`): sealed whenever a master key is set, opened for its one use. */
    credential(field: EncryptableField) {
      return {
        seal: async (rowId: string, value: string, trx?: Executor) => (keyring.configured ? ((await convert(field, rowId, value, 'sealed', trx)) as string) : value),
        open: async (rowId: string, value: string, trx?: Executor) => (await convert(field, rowId, value, 'open', trx)) as string,
      }
    },

    /** Audit rows keep a chosen field's before and after sealed as the record keeps them. */
    async sealChanges(entity: Entity, rowId: string, changes: FieldChanges, trx?: Executor): Promise<FieldChanges> {
      const chosen = (await setting(trx)).fields
      const out: FieldChanges = { ...changes }
      for (const f of fieldsOf(entity)) {
        const c = out[propertyOf(f)]
        if (c && chosen.includes(f)) out[propertyOf(f)] = { before: await convert(f, rowId, c.before, 'sealed', trx), after: await convert(f, rowId, c.after, 'sealed', trx) }
      }
      return out
    },

    async status(ctx: RequestContext): Promise<EncryptionStatus> {
      assertRole(ctx.actor, 'admin')
      const keys = await listKeys(db)
      const s = await setting(db)
      const p = await readResealProgress(db)
      return {
        configured: keyring.configured,
        fingerprint: keyring.fingerprint,
        keys: keys.map((k) => ({ id: k.id, active: k.active, createdAt: k.createdAt.toISOString() })),
        fields: ENCRYPTABLE_FIELDS.map((f) => ({ field: f, chosen: s.fields.includes(f) || (!!ENCRYPTABLE[f].always && keyring.configured), always: !!ENCRYPTABLE[f].always, loses: ENCRYPTABLE[f].loses })),
        version: s.version,
        reseal: p ? { keyId: p.keyId, changed: p.changed, startedAt: p.startedAt, finishedAt: p.finishedAt } : null,
      }
    },

    async chooseFields(ctx: RequestContext, input: { fields: EncryptableField[]; version: number }): Promise<FieldsSetting> {
      assertRole(ctx.actor, 'admin')
      if (input.fields.length && !keyring.configured) {
        throw fieldError('fields', 'Set KITH_ENCRYPTION_KEY (or KITH_ENCRYPTION_KEY_FILE) on the server before choosing fields to encrypt')
      }
      const next = await db.transaction().execute(async (trx) => {
        const current = await setting(trx, true)
        if (current.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'The encrypted fields were changed by someone else since you loaded them', { current })
        }
        const value: FieldsSetting = { fields: [...new Set(input.fields)].sort() as EncryptableField[], version: current.version + 1 }
        await putSetting(trx, SETTING, value)
        const before = current.fields
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'encryption', entityId: null, changes: { fields: { before, after: value.fields } } }])
        // Values already stored are sealed (or opened) in the background, after every copy has seen the choice.
        await jobs.send(RESEAL_JOB, {}, { trx, singletonKey: 'reseal', startAfter: new Date(Date.now() + settingsTtlMs) })
        return value
      })
      cached = null
      return next
    },
  }
  jobs.define(RESEAL_JOB, async () => void (await reseal(db, service, { settleMs: 0 })), { retryLimit: 10, retryDelaySeconds: 10, policy: 'stately' })
  return service
}

export type EncryptionService = ReturnType<typeof createEncryptionService>
