import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { LostReasonService } from './lost-reasons.service'
import {
  lostReasonCreateSchema, lostReasonListQuerySchema, lostReasonListSchema, lostReasonParams, lostReasonSchema, lostReasonUpdateSchema,
} from './lost-reasons.schema'

export function lostReasonRoutes(app: App, { lostReasons }: { lostReasons: LostReasonService }) {
  const tags = ['lost-reasons']
  app.get('/lost-reasons', {
    schema: { tags, summary: 'The lost reasons in order (any signed-in user); ?active=true for those that can be chosen', querystring: lostReasonListQuerySchema, response: { 200: lostReasonListSchema } },
  }, (req) => lostReasons.list(ctxOf(req), req.query.active ?? false))

  app.post('/lost-reasons', {
    schema: { tags, summary: 'Add a reason (admin)', body: lostReasonCreateSchema, response: { 201: lostReasonSchema } },
  }, async (req, reply) => {
    const reason = await lostReasons.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/lost-reasons/${reason.id}`).send(reason)
  })

  app.patch('/lost-reasons/:id', {
    schema: { tags, summary: 'Relabel, reorder (position), (de)activate (admin); a stale version gets 409 with the current reason', params: lostReasonParams, body: lostReasonUpdateSchema, response: { 200: lostReasonSchema } },
  }, (req) => lostReasons.update(ctxOf(req), req.params.id, req.body))
}
