import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { pageOf } from '../../lib/schema'
import type { AuditService } from './audit.service'
import type { AuditIntegrity } from './audit.integrity'
import { auditEntrySchema, auditQuerySchema, auditVerificationSchema, latestVerificationSchema } from './audit.schema'

export function auditRoutes(app: App, { audit, auditIntegrity }: { audit: AuditService; auditIntegrity: AuditIntegrity }) {
  app.get('/audit-log', {
    schema: { tags: ['audit'], summary: 'Who changed what (admin and managers)', querystring: auditQuerySchema, response: { 200: pageOf(auditEntrySchema) } },
  }, (req) => audit.list(ctxOf(req), req.query))

  app.get('/audit-log/verifications/latest', {
    schema: { tags: ['audit'], summary: 'The last check of the audit hash chains (admin)', response: { 200: latestVerificationSchema } },
  }, (req) => auditIntegrity.latest(ctxOf(req)))

  app.post('/audit-log/verifications', {
    schema: { tags: ['audit'], summary: 'Check the audit hash chains as a background job (admin) → 202; a run already going is answered instead', response: { 202: auditVerificationSchema } },
  }, async (req, reply) => reply.status(202).send(await auditIntegrity.start(ctxOf(req))))
}
