import type { EncryptionService } from '../encryption/encryption.service'
import type { Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import { recordAudit } from '../audit/audit.service'
import type { RequestContext } from '../../server/context'
import { scopeFor } from '../../server/permissions'
import * as repo from './imports.repository'
import type { PreparedRow } from './prepare'

export interface UserRef {
  id: string
  teamId: string | null
  active: boolean
}
export interface CustomerRef {
  id: string
  name: string
  ownerId: string | null
  teamId: string | null
  /** Created by this import for a missing reference (createMissing). */
  created?: boolean
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string }

const keyOf = (v: unknown) => String(v).trim().toLowerCase()

/** Owners named by e-mail or name: one query for the whole batch. */
export async function resolveOwners(exec: Executor, rows: PreparedRow[]): Promise<Map<string, Resolved<UserRef>>> {
  const raw = new Map<string, string>()
  for (const r of rows) if (r.values.owner !== undefined) raw.set(keyOf(r.values.owner), String(r.values.owner).trim())
  const keys = [...raw.keys()]
  const users = await repo.findUsersByKey(exec, keys)
  const out = new Map<string, Resolved<UserRef>>()
  for (const key of keys) {
    const byEmail = users.filter((u) => u.email.toLowerCase() === key)
    const byName = users.filter((u) => u.name.toLowerCase() === key)
    const hits = byEmail.length ? byEmail : byName
    out.set(key, hits.length === 1 ? { ok: true, value: hits[0]! }
      : hits.length === 0 ? { ok: false, message: `No user "${raw.get(key)}" (use the user's e-mail or name)` }
      : { ok: false, message: `${hits.length} users are named "${raw.get(key)}": use the e-mail` })
  }
  return out
}

/**
 * Customers named by e-mail or name among those the importer may see. Missing ones are created
 * (owned by the importer) when createMissing is set and `write` is on; a dry run only says so.
 */
export async function resolveCustomers(
  exec: Executor, ctx: RequestContext, rows: PreparedRow[], opts: { createMissing: boolean; write: boolean; importId: string; encryption?: EncryptionService },
): Promise<Map<string, Resolved<CustomerRef>>> {
  const raw = new Map<string, string>()
  const firstRow = new Map<string, number>()
  for (const r of rows) {
    if (r.values.customer === undefined) continue
    const key = keyOf(r.values.customer)
    raw.set(key, String(r.values.customer).trim())
    if (!firstRow.has(key)) firstRow.set(key, r.row)
  }
  const keys = [...raw.keys()]
  const enc = opts.encryption
  const emails = keys.filter((k) => k.includes('@'))
  const stored = await repo.findCustomersByKey(exec, keys, scopeFor(ctx.actor, 'read'), enc ? await enc.indexesOf('customers', 'email', emails, exec) : [])
  // A sealed e-mail is opened to compare (and is never shown or copied anywhere else).
  const found = enc ? await enc.openRows('customers', stored, exec) : stored
  const out = new Map<string, Resolved<CustomerRef>>()
  const missing: string[] = []
  for (const key of keys) {
    const byEmail = found.filter((c) => c.email?.toLowerCase() === key)
    const byName = found.filter((c) => c.name.toLowerCase() === key)
    const hits = byEmail.length ? byEmail : byName
    if (hits.length === 1) out.set(key, { ok: true, value: hits[0]! })
    else if (hits.length > 1) out.set(key, { ok: false, message: `${hits.length} customers are named "${raw.get(key)}": use the customer's e-mail` })
    else if (!opts.createMissing) out.set(key, { ok: false, message: `No customer "${raw.get(key)}" (or choose to create missing customers)` })
    else missing.push(key)
  }
  if (missing.length === 0) return out
  const created = missing.map((key) => {
    const name = raw.get(key)!
    const email = /@/.test(name) ? name.toLowerCase() : null
    return { id: newId(), name, email, ownerId: ctx.actor.role === 'marketing' ? null : ctx.actor.userId, teamId: ctx.actor.role === 'marketing' ? null : ctx.actor.teamId, createdBy: ctx.actor.userId }
  })
  if (opts.write) {
    await repo.insertRecords(exec, 'customers', enc ? await Promise.all(created.map((c) => enc.sealRow('customers', c.id, c, exec))) : created)
    // Journalled under the negated number of the row that named it, so undo removes it too.
    await repo.insertJournal(exec, missing.map((key, i) => ({
      importId: opts.importId, rowNumber: -firstRow.get(key)!, outcome: 'created' as const, entity: 'customers', entityId: created[i]!.id, afterVersion: 1, before: null, cells: null, errors: null,
    })))
    await recordAudit(exec, ctx, created.map((c) => ({ action: 'create', entity: 'customer', entityId: c.id, changes: { name: { before: null, after: c.name }, source: { before: null, after: 'import' } } })))
  }
  for (const [i, key] of missing.entries()) out.set(key, { ok: true, value: { ...created[i]!, created: true } })
  return out
}

export { keyOf }
