import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { ApiTokenService } from './api-tokens.service'
import { apiTokenCreateSchema, apiTokenCreatedSchema, apiTokenSchema } from './api-tokens.schema'

export function apiTokenRoutes(app: App, { apiTokens }: { apiTokens: ApiTokenService }) {
  const tags = ['api-tokens']
  app.get('/api-tokens', { schema: { tags, summary: 'Your API tokens', response: { 200: pageOf(apiTokenSchema) } } }, (req) =>
    apiTokens.list(ctxOf(req)))
  app.post('/api-tokens', { schema: { tags, body: apiTokenCreateSchema, response: { 201: apiTokenCreatedSchema } } }, async (req, reply) => {
    const created = await apiTokens.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/api-tokens/${created.token.id}`).send(created)
  })
  app.delete('/api-tokens/:id', { schema: { tags, summary: 'Revoke', params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await apiTokens.revoke(ctxOf(req), req.params.id)
    return reply.status(204).send(null)
  })
}
