import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { MailingListService } from './mailing-lists.service'
import {
  countSchema, mailingListCreateSchema, mailingListListQuerySchema, mailingListSchema, mailingListUpdateSchema, memberParams,
  memberSchema, membersAddedSchema, membersAddSchema, membersQuerySchema, segmentPreviewResultSchema, segmentPreviewSchema,
  segmentValuesQuerySchema, segmentValuesSchema,
} from './mailing-lists.schema'

export function mailingListRoutes(app: App, { mailingLists }: { mailingLists: MailingListService }) {
  const tags = ['mailing-lists']
  app.get('/mailing-lists', {
    schema: { tags, summary: 'Static lists and dynamic segments (marketing, admin, manager)', querystring: mailingListListQuerySchema, response: { 200: pageOf(mailingListSchema) } },
  }, (req) => mailingLists.list(ctxOf(req), req.query))

  app.post('/mailing-lists', { schema: { tags, body: mailingListCreateSchema, response: { 201: mailingListSchema } } }, async (req, reply) => {
    const list = await mailingLists.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/mailing-lists/${list.id}`).send(list)
  })

  app.post('/mailing-lists/preview', {
    schema: { tags, summary: 'Live count and first members of a segment filter before saving it', body: segmentPreviewSchema, response: { 200: segmentPreviewResultSchema } },
  }, (req) => mailingLists.preview(ctxOf(req), req.body.filter))

  app.get('/mailing-lists/values', {
    schema: { tags, summary: 'Existing values of a text field containing q (prefixes first), to suggest while a segment is written', querystring: segmentValuesQuerySchema, response: { 200: segmentValuesSchema } },
  }, (req) => mailingLists.values(ctxOf(req), req.query))

  app.get('/mailing-lists/:id', { schema: { tags, params: idParams, response: { 200: mailingListSchema } } }, (req) => mailingLists.get(ctxOf(req), req.params.id))

  app.patch('/mailing-lists/:id', {
    schema: { tags, summary: 'Update name, description or (dynamic) filter; stale version → 409', params: idParams, body: mailingListUpdateSchema, response: { 200: mailingListSchema } },
  }, (req) => mailingLists.update(ctxOf(req), req.params.id, req.body))

  app.delete('/mailing-lists/:id', { schema: { tags, params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await mailingLists.remove(ctxOf(req), req.params.id)
    return reply.status(204).send(null)
  })

  app.post('/mailing-lists/:id/restore', { schema: { tags, params: idParams, response: { 200: mailingListSchema } } }, (req) => mailingLists.restore(ctxOf(req), req.params.id))

  app.get('/mailing-lists/:id/count', {
    schema: { tags, summary: 'Live member count (a segment is evaluated now)', params: idParams, response: { 200: countSchema } },
  }, (req) => mailingLists.count(ctxOf(req), req.params.id))

  app.get('/mailing-lists/:id/members', {
    schema: { tags, summary: 'Members, keyset-paged (a segment is evaluated now); id is the customer, contact or lead id', params: idParams, querystring: membersQuerySchema, response: { 200: pageOf(memberSchema) } },
  }, (req) => mailingLists.members(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))

  app.post('/mailing-lists/:id/members', {
    schema: { tags, summary: 'Add customers, contacts and leads to a static list (ids that do not exist are reported, not fatal)', params: idParams, body: membersAddSchema, response: { 200: membersAddedSchema } },
  }, (req) => mailingLists.addMembers(ctxOf(req), req.params.id, req.body))

  app.delete('/mailing-lists/:id/members/:memberId', {
    schema: { tags, summary: 'Remove one member (its customer, contact or lead id) from a static list', params: memberParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await mailingLists.removeMember(ctxOf(req), req.params.id, req.params.memberId)
    return reply.status(204).send(null)
  })
}
