import { randomBytes } from 'node:crypto'
import type { Db, Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import { CipherError, deriveKey, fingerprint, open, seal, type DataKey } from '../../lib/field-cipher'

/** Said to the operator at start-up, before anything is read or written with a wrong key. */
export class KeyringError extends Error {}

const WRAP_AAD = (id: string) => `kith data key ${id}`

export interface Keyring {
  /**
   * Refuses a database whose data keys this master key cannot open (or a missing key), and
   * makes the first data key when a master key is set: outside any transaction, so a value is
   * never sealed with a key whose row a rollback took away.
   */
  check(): Promise<void>
  /** Whether a master key is configured at all. */
  readonly configured: boolean
  readonly fingerprint: string | null
  /**
   * The key of the blind indexes (exact search of sealed e-mails and phones): derived from the
   * master key, not a data key, so a rotation leaves every index value as it is.
   */
  readonly blindKey: Buffer | null
  /** The key new values are sealed with; read through the caller's transaction (PGlite has one connection). */
  active(trx?: Executor): Promise<DataKey>
  byId(id: string, trx?: Executor): Promise<Buffer>
  /** Makes a new active data key (rotation); older keys stay to open older values. */
  rotate(): Promise<DataKey>
}

/**
 * Data keys wrapped by the master key (envelope encryption): rotating the data key never needs
 * the master key changed, and a leaked dump holds only wrapped keys. A copy re-reads which key
 * is active every few seconds, so a rotation started on another copy is followed quickly.
 */
export function createKeyring(db: Db, master: Buffer | undefined, activeTtlMs = 5_000): Keyring {
  const fp = master ? fingerprint(master) : null
  const keys = new Map<string, Buffer>()
  let activeId: { id: string; at: number } | null = null

  function unwrap(row: { id: string; wrappedKey: string; masterFingerprint: string }): Buffer {
    if (!master) {
      throw new KeyringError(
        `This database holds encrypted fields: set KITH_ENCRYPTION_KEY (or KITH_ENCRYPTION_KEY_FILE) to the master key with fingerprint ${row.masterFingerprint}.`,
      )
    }
    if (row.masterFingerprint !== fp) {
      throw new KeyringError(
        `KITH_ENCRYPTION_KEY is not this database's master key: expected the key with fingerprint ${row.masterFingerprint}, got ${fp}. Nothing was read or written.`,
      )
    }
    try {
      return Buffer.from(open(master, row.wrappedKey, WRAP_AAD(row.id)), 'base64')
    } catch (err) {
      if (err instanceof CipherError) throw new KeyringError(`Data key ${row.id} does not open with KITH_ENCRYPTION_KEY (${err.message}).`)
      throw err
    }
  }

  async function load(trx: Executor = db): Promise<void> {
    const rows = await trx.selectFrom('encryptionKeys').select(['id', 'wrappedKey', 'masterFingerprint', 'active']).execute()
    for (const r of rows) if (!keys.has(r.id)) keys.set(r.id, unwrap(r))
    const a = rows.find((r) => r.active)
    activeId = a ? { id: a.id, at: Date.now() } : null
  }

  async function insertKey(trx: Executor): Promise<void> {
    if (!master) throw new KeyringError('Field encryption needs a master key: set KITH_ENCRYPTION_KEY (32 random bytes, base64 or hex) or KITH_ENCRYPTION_KEY_FILE.')
    const id = newId()
    const wrappedKey = seal({ id: 'master', bytes: master }, randomBytes(32).toString('base64'), WRAP_AAD(id))
    await trx.insertInto('encryptionKeys').values({ id, wrappedKey, masterFingerprint: fp!, active: true }).onConflict((oc) => oc.doNothing()).execute()
  }

  return {
    configured: !!master,
    fingerprint: fp,
    blindKey: master ? deriveKey(master, 'blind index v1') : null,
    async check() {
      await load()
      if (!activeId && master) {
        await insertKey(db)
        await load()
      }
    },
    async active(trx) {
      if (!activeId || Date.now() - activeId.at > activeTtlMs) await load(trx)
      if (!activeId) throw new KeyringError('Field encryption needs a master key: set KITH_ENCRYPTION_KEY (32 random bytes, base64 or hex) or KITH_ENCRYPTION_KEY_FILE.')
      return { id: activeId.id, bytes: keys.get(activeId.id)! }
    },
    async byId(id, trx) {
      if (!keys.has(id)) await load(trx)
      const k = keys.get(id)
      if (!k) throw new CipherError(`no data key ${id}`)
      return k
    },
    async rotate() {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('encryptionKeys').set({ active: false }).where('active', '=', true).execute()
        await insertKey(trx)
      })
      activeId = null
      return this.active()
    },
  }
}
