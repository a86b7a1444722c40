import type { Executor } from '../../db/database'
import { AppError } from '../../server/errors'
import { redactAudit, type AuditRedaction } from '../audit/audit.redact'
import { erasedKeyOf } from '../suppressions/suppressions.repository'
import * as repo from './privacy.erase.repository'
import { eraseCells, redactJson, termsPattern } from './privacy.redact'
import { personIds, type PersonScope, type Subject } from './privacy.scope'
import { SECTIONS, auditAbout } from './privacy.sections'

type RedactContext = Parameters<typeof redactAudit>[1]

const where = (file: string, scope: PersonScope) => SECTIONS.find((s) => s.file === file)!.where(scope)

/** Text columns of rows shared with others (deals, quotes, orders): the person's identifiers are cut out of them. */
const SHARED_TEXT = [
  { table: 'opportunities', idColumn: 'id', ids: (s: PersonScope) => s.opportunities, columns: ['name', 'lost_reason'], versioned: true },
  { table: 'opportunity_lines', idColumn: 'opportunity_id', ids: (s: PersonScope) => s.opportunities, columns: ['description'], versioned: false },
  { table: 'quotes', idColumn: 'id', ids: (s: PersonScope) => s.quotes, columns: ['notes', 'sent_to', 'reject_reason'], versioned: true },
  { table: 'quote_lines', idColumn: 'quote_id', ids: (s: PersonScope) => s.quotes, columns: ['description'], versioned: false },
  { table: 'quote_sends', idColumn: 'quote_id', ids: (s: PersonScope) => s.quotes, columns: ['recipients', 'subject', 'message', 'last_error'], versioned: false },
  { table: 'orders', idColumn: 'id', ids: (s: PersonScope) => s.orders, columns: ['notes'], versioned: true },
  { table: 'order_lines', idColumn: 'order_id', ids: (s: PersonScope) => s.orders, columns: ['description'], versioned: false },
]

/** A held upload (an import not yet run) that carries the person is discarded; a running import must finish first. */
async function discardUploads(trx: Executor, scope: PersonScope): Promise<number> {
  const uploads = await repo.uploadsMentioning(trx, [...scope.emails, ...scope.phones])
  if (uploads.some((u) => u.status === 'running')) {
    throw new AppError('IMPORT_STATE_CONFLICT', 'An import carrying this person is running: erase once it has finished')
  }
  for (const u of uploads) {
    await repo.deleteUpload(trx, u.id)
    await repo.failImport(trx, u.id, 'The uploaded file was discarded by a privacy erasure')
  }
  return uploads.length
}

async function eraseImportRows(trx: Executor, scope: PersonScope, pattern: string | null): Promise<number> {
  type J = { import_id: string; row_number: number; entity_id: string | null; before: unknown; cells: unknown; errors: unknown }
  const rows = await repo.selectJson<J>(trx, 'import_rows', ['import_id', 'row_number', 'entity_id', 'before', 'cells', 'errors'], where('import_rows', scope))
  const ids = new Set(personIds(scope))
  for (const r of rows) {
    const own = r.entity_id !== null && ids.has(r.entity_id)
    await repo.updateImportRow(trx, {
      importId: r.import_id,
      rowNumber: r.row_number,
      before: redactJson(r.before, pattern),
      cells: eraseCells(r.cells),
      errors: redactJson(r.errors, pattern, false),
      erasedMatch: own,
    })
  }
  return rows.length
}

async function eraseTicketEvents(trx: Executor, scope: PersonScope, pattern: string | null): Promise<number> {
  const rows = await repo.selectJson<{ id: string; before: unknown; after: unknown }>(trx, 'ticket_events', ['id', 'before', 'after'], where('ticket_events', scope))
  for (const r of rows) await repo.updateTicketEvent(trx, r.id, redactJson(r.before, pattern), redactJson(r.after, pattern))
  return rows.length
}

/** Audit rows about the person: values go, who did what when stays; rows the person wrote himself (a web form) lose their address. */
async function auditRedactions(trx: Executor, scope: PersonScope, pattern: string | null): Promise<AuditRedaction[]> {
  const rows = await repo.selectJson<{ id: string; actor_id: string | null; changes: Record<string, unknown> | null; ip: string | null }>(
    trx, 'audit_log', ['id', 'actor_id', 'changes', 'ip'], auditAbout(scope))
  return rows.map((r) => ({ id: r.id, changes: redactJson(r.changes, pattern) as Record<string, unknown> | null, clearIp: r.actor_id === null && r.ip !== null }))
}

/**
 * Anonymises every row Kith holds about the person, inside the caller's transaction. Rows stay
 * (deal amounts, ticket counts, campaign opens: every report adds up as before); the person's
 * name, addresses, numbers and words go. Returns the rows touched per table.
 */
export async function eraseScope(trx: Executor, ctx: RedactContext, subject: Subject, scope: PersonScope) {
  const pattern = termsPattern([...scope.names, ...scope.emails, ...scope.phones])
  const rows: Record<string, number> = {}
  rows.import_uploads = await discardUploads(trx, scope)
  // Shared rows first: their scrub matches the names the person's own records still hold.
  for (const t of SHARED_TEXT) rows[t.table] = pattern ? await repo.scrubColumns(trx, { ...t, ids: t.ids(scope) }, pattern) : 0
  rows.ticket_events = await eraseTicketEvents(trx, scope, pattern)
  rows.import_rows = await eraseImportRows(trx, scope, pattern)
  const redactions = await auditRedactions(trx, scope, pattern)
  rows.customers = await repo.eraseCustomers(trx, scope.customers)
  rows.contacts = await repo.eraseContacts(trx, scope.contacts)
  rows.leads = await repo.eraseLeads(trx, scope.leads)
  rows.activities = await repo.eraseActivities(trx, scope.activities)
  rows.tickets = await repo.eraseTickets(trx, scope.tickets)
  rows.ticket_comments = await repo.eraseTicketComments(trx, scope.tickets)
  rows.ticket_mails = await repo.eraseTicketMails(trx, scope.tickets)
  rows.campaign_recipients = await repo.eraseRecipients(trx, where('campaign_recipients', scope))
  rows.mailing_list_members = await repo.deleteMemberships(trx, where('mailing_list_memberships', scope))
  rows.suppressions = await repo.deleteSuppressions(trx, where('suppressions', scope))
  const keys = scope.emails.map(erasedKeyOf)
  await repo.insertErasedKeys(trx, keys)
  rows.audit_log = redactions.length
  await redactAudit(trx, ctx, redactions, { action: 'privacy_erase', entity: subject.kind, entityId: subject.id })
  return { rows, suppressedHashes: keys.length }
}
