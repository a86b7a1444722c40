import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { pageOf } from '../../lib/schema'
import type { AuditService } from './audit.service'
import { auditEntrySchema, auditQuerySchema } from './audit.schema'

export function auditRoutes(app: App, { audit }: { audit: AuditService }) {
  app.get('/audit-log', {
    schema: { tags: ['audit'], summary: 'Who changed what (admin and managers)', querystring: auditQuerySchema, response: { 200: pageOf(auditEntrySchema) } },
  }, (req) => audit.list(ctxOf(req), req.query))
}
