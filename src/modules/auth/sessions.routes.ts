import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import { z } from 'zod'
import type { SessionsService } from './sessions.service'
import { activeSessionSchema, revokedSchema } from './sessions.schema'

export function sessionRoutes(app: App, { sessions }: { sessions: SessionsService }) {
  const tags = ['auth']
  app.get('/auth/sessions', {
    schema: { tags, summary: 'Your open sessions (device, address, last use); `current` marks this one', response: { 200: pageOf(activeSessionSchema) } },
  }, (req) => sessions.list(ctxOf(req), req.session?.id ?? null))

  app.delete('/auth/sessions/:id', {
    schema: { tags, summary: 'Sign one of your sessions out', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await sessions.revoke(ctxOf(req), req.params.id)
    return reply.status(204).send(null)
  })

  app.post('/auth/sessions/revoke-others', {
    schema: { tags, summary: 'Sign out every session of yours but this one', response: { 200: revokedSchema } },
  }, (req) => sessions.revokeOthers(ctxOf(req), req.session?.id ?? null))

}
