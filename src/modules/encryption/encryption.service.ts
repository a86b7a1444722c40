import type { Db, Executor } from '../../db/database'
import { getSetting, putSetting } from '../../db/settings.repository'
import { isSealed, open, seal, sealedKeyId } from '../../lib/field-cipher'
import type { FieldChanges } from '../../lib/diff'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { ENCRYPTABLE, ENCRYPTABLE_FIELDS, entityOf, propertyOf, type EncryptableField } from './encryption.fields'
import type { Jobs } from '../../server/jobs'
import type { Keyring } from './keyring'
import { readResealProgress, reseal } from './encryption.reseal'
import { listKeys } from './encryption.repository'
import type { EncryptionStatus } from './encryption.schema'

const SETTING = 'encryption_fields'
export const RESEAL_JOB = 'encryption-reseal'
export type Entity = 'tickets' | 'ticketComments' | 'userTwoFactor'

interface FieldsSetting {
  fields: EncryptableField[]
  version: number
}

const aad = (field: EncryptableField, rowId: string, part?: string) => `${field}${part ? `.${part}` : ''}:${rowId}`
/** The audit log's entity names of the records whose fields may be sealed. */
const AUDITED: Record<string, Entity> = { ticket: 'tickets', ticket_comment: 'ticketComments' }
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

  async function sealRow<T extends object>(entity: Entity, rowId: string, row: T, trx?: Executor): Promise<T> {
    const chosen = (await setting(trx)).fields
    const out = { ...row } as Record<string, unknown>
    for (const f of fieldsOf(entity)) {
      if (chosen.includes(f) && propertyOf(f) in out) out[propertyOf(f)] = await convert(f, rowId, out[propertyOf(f)], 'sealed', trx)
    }
    return out as T
  }

  /** Opens every sealed field, chosen or not (a field turned off is opened until the reseal pass clears it). */
  async function openRow<T extends object>(entity: Entity, rowId: string, row: T, trx?: Executor): Promise<T> {
    const out = { ...row } as Record<string, unknown>
    for (const f of fieldsOf(entity)) if (propertyOf(f) in out) out[propertyOf(f)] = await convert(f, rowId, out[propertyOf(f)], 'open', trx)
    return out as T
  }

  const service = {
    keyring,
    setting,
    sealRow,
    openRow,
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
      if (entity && out.changes && typeof out.changes === 'object') {
        const changes = { ...(out.changes as FieldChanges) }
        for (const f of fieldsOf(entity)) {
          const c = changes[propertyOf(f)]
          if (c) changes[propertyOf(f)] = { before: await convert(f, String(out.entity_id), c.before, 'open'), after: await convert(f, String(out.entity_id), c.after, 'open') }
        }
        out.changes = changes
      }
      return out
    },

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
