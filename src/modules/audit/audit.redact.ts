import type { Executor } from '../../db/database'
import { recordAudit } from './audit.service'
import { redactAuditRow } from './audit.repository'

type RedactContext = Parameters<typeof recordAudit>[1]

export interface AuditRedaction {
  id: string
  /** The row's new `changes`: the same keys, the erased values replaced. */
  changes: Record<string, unknown> | null
  /** Clear `ip` too (the row was written by the person himself: a public form). */
  clearIp: boolean
}

/**
 * The one path by which an audit row is ever changed after it was written: a privacy erasure
 * removing the person's values. Only `changes` and `ip` change (never who, what, when, which
 * record); the redaction itself is recorded as its own audit row naming the rows it touched and
 * why, without the values. That chained row is what lets the verifier accept these rows' content
 * no longer matching their hash (audit.chain.repository.ts).
 */
export async function redactAudit(trx: Executor, ctx: RedactContext, rows: AuditRedaction[], reason: { action: string; entity: string; entityId: string }) {
  for (const r of rows) await redactAuditRow(trx, r.id, r.changes, r.clearIp, reason)
  if (rows.length === 0) return
  await recordAudit(trx, ctx, [{
    action: 'redact',
    entity: 'audit_log',
    entityId: null,
    changes: { reason, rows: rows.map((r) => r.id), fields: rows.some((r) => r.clearIp) ? ['changes', 'ip'] : ['changes'] },
  }])
}
