import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import { deleteQuerySchema } from '../customers/customers.schema'
import type { OpportunityService } from './opportunities.service'
import {
  assignResultSchema, assignSchema, boardQuerySchema, boardSchema, historySchema, opportunityCreateSchema,
  opportunityListQuerySchema, opportunitySchema, opportunityUpdateSchema,
} from './opportunities.schema'

export function opportunityRoutes(app: App, { opportunities }: { opportunities: OpportunityService }) {
  const tags = ['opportunities']
  app.get('/opportunities', {
    schema: { tags, summary: 'List opportunities (keyset pagination)', querystring: opportunityListQuerySchema, response: { 200: pageOf(opportunitySchema) } },
  }, (req) => opportunities.list(ctxOf(req), req.query))

  app.post('/opportunities', { schema: { tags, body: opportunityCreateSchema, response: { 201: opportunitySchema } } }, async (req, reply) => {
    const opportunity = await opportunities.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/opportunities/${opportunity.id}`).send(opportunity)
  })

  app.get('/opportunities/board', {
    schema: { tags, summary: 'The pipeline as one column per stage: count, totals per currency, first items', querystring: boardQuerySchema, response: { 200: boardSchema } },
  }, (req) => opportunities.board(ctxOf(req), req.query))

  app.post('/opportunities/assign', {
    schema: { tags, summary: 'Hand deals to one owner (manager: his team; admin: anyone), all or nothing', body: assignSchema, response: { 200: assignResultSchema } },
  }, (req) => opportunities.assign(ctxOf(req), req.body))

  app.get('/opportunities/:id', { schema: { tags, params: idParams, response: { 200: opportunitySchema } } }, (req) =>
    opportunities.get(ctxOf(req), req.params.id))

  app.patch('/opportunities/:id', {
    schema: { tags, summary: 'Update; a stale version gets 409 with the current record', params: idParams, body: opportunityUpdateSchema, response: { 200: opportunitySchema } },
  }, (req) => opportunities.update(ctxOf(req), req.params.id, req.body))

  app.delete('/opportunities/:id', {
    schema: { tags, summary: 'Soft delete; ?purge=true (admin) removes it for good', params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await opportunities.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })

  app.post('/opportunities/:id/restore', { schema: { tags, params: idParams, response: { 200: opportunitySchema } } }, (req) =>
    opportunities.restore(ctxOf(req), req.params.id))

  app.get('/opportunities/:id/history', {
    schema: { tags, summary: 'Creation, stage, owner and amount changes with actor and time, newest first', params: idParams, response: { 200: historySchema } },
  }, (req) => opportunities.history(ctxOf(req), req.params.id))
}
