import type { Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import type { RequestContext } from '../../server/context'
import { fieldError } from '../../server/errors'
import { recordAuditBatch, type AuditEvent } from '../audit/audit.service'
import { leadCreateSchema } from '../leads/leads.schema'
import * as lists from '../mailing-lists/mailing-lists.repository'
import { assertListAccess } from '../mailing-lists/mailing-lists.service'
import type { MemberKind } from '../mailing-lists/mailing-lists.table'
import type { BatchEnv, RowResult } from './batch'
import * as repo from './imports.repository'
import type { PreparedRow } from './prepare'
import { importPhone, phoneRegion } from './phone-fast'
import type { Issue } from './prepare'

/** The order an e-mail is looked up in: the person (contact) before the lead before the company. */
const LOOKUP: [MemberKind, 'contacts' | 'leads' | 'customers'][] = [['contact', 'contacts'], ['lead', 'leads'], ['customer', 'customers']]

export const NOT_FOUND_MESSAGE = 'No contact, lead or customer has this e-mail (or choose to create missing ones as leads)'

/**
 * The list a mailing-list-members import fills: only those who manage lists may fill one (the
 * mailing-lists rule), and only a live static list has members to add.
 */
export async function listForImport(exec: Executor, ctx: RequestContext, listId: string, opts: { lock: boolean }) {
  assertListAccess(ctx.actor, 'write')
  const list = opts.lock ? await lists.lockList(exec, listId) : await lists.findListById(exec, listId)
  if (!list || list.deletedAt) throw fieldError('listId', 'No mailing list has this id (or it was deleted)')
  if (list.kind !== 'static') throw fieldError('listId', `"${list.name}" is a dynamic list: its members follow its filter, so none can be imported into it`)
  return list
}

interface Match {
  id: string
  name: string
  kind: MemberKind
}

interface Planned extends RowResult {
  member?: { entityId: string; kind: MemberKind }
  /** A lead to create for an unknown e-mail (createMissing), as it will be stored. */
  lead?: Record<string, unknown>
}

/**
 * One batch of a mailing-list-members import: each row's e-mail names a live contact, lead or
 * customer (one query a table for the batch); one that is not yet a member is added, an unknown
 * one becomes a lead with createMissing. With `write`: one INSERT for the leads, one for the
 * members, then the audit and journal rows, in the batch's transaction (the list locked, so
 * adding or removing members by hand waits for it).
 */
export async function processListMembers(env: BatchEnv, rows: PreparedRow[]): Promise<RowResult[]> {
  const { exec } = env
  const list = await listForImport(exec, env.ctx, env.options.listId!, { lock: env.write })
  let pending = [...new Set(rows.filter((r) => r.errors.length === 0 && typeof r.values.email === 'string').map((r) => r.values.email as string))]
  const found = new Map<string, Match>()
  for (const [kind, table] of LOOKUP) {
    if (pending.length === 0) break
    const sealable = table === 'leads' ? undefined : table
    const indexes = sealable && env.encryption ? await env.encryption.indexesOf(sealable, 'email', pending, exec) : []
    const rows = await repo.findByEmails(exec, table, pending, indexes)
    // A sealed e-mail comes back sealed: opened to key the match by the file's (lower-cased) e-mail.
    const opened = sealable && env.encryption ? await env.encryption.openRows(sealable, rows, exec) : rows
    for (const r of opened) {
      const email = r.email.toLowerCase()
      if (!found.has(email)) found.set(email, { id: r.id, name: r.name, kind })
    }
    pending = pending.filter((e) => !found.has(e))
  }
  const members = new Set(await lists.memberIdsAmong(exec, list.id, [...new Set([...found.values()].map((m) => m.id))]))
  const seen = new Set<string>()
  const planned = rows.map((r) => plan(env, r, found, members, seen))
  if (env.write) await write(env, list.id, planned)
  return planned
}

function plan(env: BatchEnv, r: PreparedRow, found: Map<string, Match>, members: Set<string>, seen: Set<string>): Planned {
  const errors = [...r.errors]
  const result: Planned = { row: r.row, cells: r.cells, outcome: 'invalid', errors, record: {} }
  if (errors.length) return result
  const email = r.values.email as string | undefined
  if (!email) {
    errors.push({ path: 'email', message: 'Required' })
    return result
  }
  const match = found.get(email)
  // A repeat of an earlier valid row of the batch: that row already adds (or created) the member.
  if (seen.has(email)) {
    result.record = { email, ...(match ? { name: match.name, kind: match.kind } : {}) }
    result.outcome = 'skip'
    return result
  }
  if (match) {
    seen.add(email)
    result.record = { email, name: match.name, kind: match.kind }
    result.entityId = match.id
    if (members.has(match.id)) {
      result.outcome = 'skip'
      return result
    }
    result.member = { entityId: match.id, kind: match.kind }
    result.outcome = 'create'
    return result
  }
  if (!env.options.createMissing) {
    errors.push({ path: 'email', message: NOT_FOUND_MESSAGE })
    return result
  }
  const parsed = leadCreateSchema.safeParse({ name: r.values.name ?? email.split('@')[0], company: r.values.company, email, phone: r.values.phone })
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors.push({ path: i.path.join('.') || 'row', message: i.message })
    return result
  }
  const lead: Record<string, unknown> = { ...parsed.data }
  const warnings: Issue[] = []
  importPhone(lead, phoneRegion(r.values.country, env.options.region ?? env.defaultRegion), env.options.invalidPhone === 'drop-phone', errors, warnings)
  if (errors.length) return result
  if (warnings.length) result.warnings = warnings
  seen.add(email)
  result.record = { ...lead, kind: 'new-lead' }
  result.lead = lead
  result.outcome = 'create'
  return result
}

async function write(env: BatchEnv, listId: string, planned: Planned[]) {
  const { exec, ctx, importId } = env
  const created = planned.filter((p) => p.lead)
  // Every row sets the same columns, so the leads go in one statement. Unowned, as marketing's lead imports: routing deals them out.
  const leads = created.map((p) => {
    p.entityId = newId()
    p.member = { entityId: p.entityId, kind: 'lead' }
    const l = p.lead!
    return { id: p.entityId, name: l.name, company: l.company ?? null, email: l.email, phone: l.phone ?? null, source: 'import', ownerId: null, teamId: null, createdBy: ctx.actor.userId }
  })
  await repo.insertSet(exec, 'leads', leads)
  const adds = planned.filter((p) => p.outcome === 'create')
  const added = new Set(await lists.insertMemberSet(exec, listId, ctx.actor.userId, adds.map((p) => p.member!)))
  // Only a member added by someone else since the lookup is missing here (the list is locked, so in practice none).
  for (const p of adds) if (!added.has(p.member!.entityId)) p.outcome = 'skip'

  const stamp = { importId: { before: null, after: importId } }
  const audits: AuditEvent[] = leads.map((l, i) => ({ action: 'create', entity: 'lead', entityId: l.id, changes: { ...changedFields({}, created[i]!.lead!), source: { before: null, after: 'import' }, ...stamp } }))
  if (added.size) audits.push({ action: 'members.add', entity: 'mailing_list', entityId: listId, changes: { added: added.size, ids: [...added].slice(0, 200), ...stamp } })
  await recordAuditBatch(exec, ctx, audits)

  const none = { before: null, cells: null, errors: null }
  await repo.insertJournalSet(exec, [
    // A created lead is journalled under its own entity and the negated row number (as references.ts does for customers), so undo removes it too.
    ...leads.map((l, i) => ({ importId, rowNumber: -created[i]!.row, outcome: 'created', entity: 'leads', entityId: l.id, afterVersion: 1, ...none })),
    ...adds.filter((p) => p.outcome === 'create').map((p) => ({ importId, rowNumber: p.row, outcome: 'created', entity: null, entityId: p.member!.entityId, afterVersion: null, ...none, errors: p.warnings ?? null })),
    ...planned.filter((p) => p.outcome === 'invalid').map((p) => ({ importId, rowNumber: p.row, outcome: 'invalid', entity: null, entityId: null, afterVersion: null, before: null, cells: p.cells, errors: p.errors })),
  ])
}

/** Undo's part: removes exactly the (list, record) pairs the import added (members have no version to compare). */
export async function removeImportedMembers(exec: Executor, listId: string, entityIds: string[], importId: string): Promise<{ removed: number; audit?: AuditEvent }> {
  const gone = await lists.deleteMemberSet(exec, listId, entityIds)
  if (gone.length === 0) return { removed: 0 }
  return { removed: gone.length, audit: { action: 'members.remove', entity: 'mailing_list', entityId: listId, changes: { removed: gone.length, ids: gone.slice(0, 200), undoneImport: { before: null, after: importId } } } }
}
