import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { pageOf } from '../../lib/schema'
import { suppressionCreateSchema, suppressionListQuerySchema, suppressionSchema, type SuppressionService } from './suppressions.service'

export function suppressionRoutes(app: App, { suppressions }: { suppressions: SuppressionService }) {
  const tags = ['suppressions']
  app.get('/suppressions', {
    schema: { tags, summary: 'Addresses no campaign mails: unsubscribed, bounced, added by hand (newest first)', querystring: suppressionListQuerySchema, response: { 200: pageOf(suppressionSchema) } },
  }, (req) => suppressions.list(ctxOf(req), req.query))
  app.post('/suppressions', { schema: { tags, body: suppressionCreateSchema, response: { 201: suppressionSchema } } }, async (req, reply) =>
    reply.status(201).send(await suppressions.create(ctxOf(req), req.body)))
  app.delete('/suppressions/:email', {
    schema: { tags, summary: 'Lift a suppression (admin)', params: z.strictObject({ email: z.string().max(254) }), response: { 204: z.null() } },
  }, async (req, reply) => {
    await suppressions.remove(ctxOf(req), req.params.email)
    return reply.status(204).send(null)
  })
}
