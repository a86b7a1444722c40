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
}
