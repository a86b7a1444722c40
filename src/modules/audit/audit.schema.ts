import { z } from 'zod'

export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'restore', 'purge', 'merge',
  'login', 'login_failed', 'logout', 'password_change',
] as const

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime({ offset: true }),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.uuid().nullable(),
    changes: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditQuerySchema = z.strictObject({
  entity: z.string().max(50).optional(),
  entityId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const auditVerificationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['running', 'ok', 'failed', 'error']),
    startedAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).nullable(),
    rowsChecked: z.number().int(),
    /** Rows a privacy erasure redacted: accepted, not problems. */
    redacted: z.number().int(),
    problems: z.array(z.object({
      kind: z.enum(['altered', 'relinked', 'missing', 'truncated', 'stray', 'vanished']),
      chain: z.number().int(),
      seq: z.number().int(),
      id: z.uuid().nullable(),
      message: z.string(),
    })),
    /** Why a run could not finish (the database went away): not a verdict on the log. */
    error: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' })
export type AuditVerification = z.infer<typeof auditVerificationSchema>
export const latestVerificationSchema = z.object({ verification: auditVerificationSchema.nullable() })
