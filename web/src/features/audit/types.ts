import type { AuditEntry, AuditQuery, AuditVerification } from '@server/modules/audit/audit.schema'

export type { AuditEntry, AuditVerification }
export type AuditParams = Partial<AuditQuery>

/** A field's value before and after a change, as the server records updates. */
export interface FieldChange {
  before: unknown
  after: unknown
}

export const isFieldChange = (v: unknown): v is FieldChange =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'before' in v && 'after' in v

/** An object of field changes nested inside an entry (non-empty, every value a before/after pair). */
export const isChangeMap = (v: unknown): v is Record<string, FieldChange> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0 && Object.values(v).every(isFieldChange)

export const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  restore: 'cyan',
  purge: 'volcano',
  merge: 'purple',
  login: 'default',
  login_failed: 'orange',
  logout: 'default',
  password_change: 'gold',
  convert: 'geekblue',
  assign: 'purple',
  export: 'magenta',
  download: 'magenta',
  verify: 'default',
}

/** Entities the audit log filter offers (what this version of Kith records). */
export const AUDIT_ENTITIES = ['customer', 'contact', 'lead', 'opportunity', 'activity', 'quote', 'order', 'report', 'import', 'pipeline_stage', 'lead_routing', 'user', 'team', 'api_token'] as const

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditParams) => [...auditKeys.all, params] as const,
  verification: ['audit', 'verification'] as const,
}
