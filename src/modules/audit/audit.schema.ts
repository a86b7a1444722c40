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
