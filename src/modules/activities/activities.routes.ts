import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, listQueryBase, pageOf } from '../../lib/schema'
import { deleteQuerySchema } from '../customers/customers.schema'
import type { ActivityService } from './activities.service'
import {
  activityCreateSchema, activityListQuerySchema, activitySchema, activityUpdateSchema, timelineItemSchema,
} from './activities.schema'

export function activityRoutes(app: App, { activities }: { activities: ActivityService }) {
  const tags = ['activities']
  app.get('/activities', {
    schema: { tags, summary: 'List activities and tasks (keyset pagination); due=today|overdue|upcoming in the tz time zone (default yours, else the company\'s), due=none for open tasks without a due date', querystring: activityListQuerySchema, response: { 200: pageOf(activitySchema) } },
  }, (req) => activities.list(ctxOf(req), req.query))

  app.post('/activities', { schema: { tags, body: activityCreateSchema, response: { 201: activitySchema } } }, async (req, reply) => {
    const activity = await activities.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/activities/${activity.id}`).send(activity)
  })

  app.get('/activities/:id', { schema: { tags, params: idParams, response: { 200: activitySchema } } }, (req) =>
    activities.get(ctxOf(req), req.params.id))

  app.patch('/activities/:id', {
    schema: { tags, summary: 'Update (complete a task by setting completedAt); stale version → 409 with current', params: idParams, body: activityUpdateSchema, response: { 200: activitySchema } },
  }, (req) => activities.update(ctxOf(req), req.params.id, req.body))

  app.delete('/activities/:id', {
    schema: { tags, summary: 'Soft delete; ?purge=true (admin) removes it for good', params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await activities.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })

  app.post('/activities/:id/restore', { schema: { tags, params: idParams, response: { 200: activitySchema } } }, (req) =>
    activities.restore(ctxOf(req), req.params.id))

  app.get('/customers/:id/timeline', {
    schema: {
      tags: ['customers', 'activities'],
      summary: 'Newest first: activities, opportunity creation and stage changes, lead conversions (keyset pagination)',
      params: idParams,
      querystring: z.strictObject(listQueryBase),
      response: { 200: pageOf(timelineItemSchema) },
    },
  }, (req) => activities.timeline(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))
}
