import type { Generated, JSONColumnType } from 'kysely'
import type { FieldChanges } from '../../lib/diff'

export interface AuditLogTable {
  id: string
  at: Generated<Date>
  actorId: string | null
  action: string
  entity: string
  entityId: string | null
  changes: JSONColumnType<FieldChanges | Record<string, unknown> | null, string | null, string | null>
  requestId: string | null
  ip: string | null
  /** Set by the audit_log_chain trigger (migration 2026_12_08_0200), never by the application. */
  chain: Generated<number>
  seq: Generated<number>
  prevHash: Generated<Buffer>
  hash: Generated<Buffer>
}

/** Each chain's head: its last row's seq and hash (seq 0 and the genesis hash while empty). */
export interface AuditChainsTable {
  chain: number
  seq: number
  hash: Buffer
}

/** Where a chain resumes after its older rows were exported and removed. */
export interface AuditChainAnchorsTable {
  chain: number
  seq: number
  hash: Buffer
  fileDigest: string
  at: Generated<Date>
}

export interface AuditVerificationsTable {
  id: string
  status: 'running' | 'ok' | 'failed' | 'error'
  requestedBy: string | null
  startedAt: Generated<Date>
  finishedAt: Date | null
  rowsChecked: Generated<number>
  /** Rows whose content an erasure redacted (accepted, not problems). */
  redacted: Generated<number>
  problem: JSONColumnType<unknown[] | { message: string } | null, string | null, string | null>
  heads: JSONColumnType<Record<string, [number, string]> | null, string | null, string | null>
}
