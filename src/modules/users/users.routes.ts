import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { UserService } from './users.service'
import { userCreateSchema, userListQuerySchema, userSchema, userUpdateSchema } from './users.schema'

export function userRoutes(app: App, { users }: { users: UserService }) {
  const tags = ['users']
  app.get('/users', { schema: { tags, querystring: userListQuerySchema, response: { 200: pageOf(userSchema) } } }, (req) =>
    users.list(ctxOf(req), req.query))
  app.get('/users/:id', { schema: { tags, params: idParams, response: { 200: userSchema } } }, (req) =>
    users.get(ctxOf(req), req.params.id))
  app.post('/users', { schema: { tags, summary: 'Admin only', body: userCreateSchema, response: { 201: userSchema } } }, async (req, reply) => {
    const user = await users.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/users/${user.id}`).send(user)
  })
  app.patch('/users/:id', { schema: { tags, summary: 'Admin only', params: idParams, body: userUpdateSchema, response: { 200: userSchema } } }, (req) =>
    users.update(ctxOf(req), req.params.id, req.body))
  app.delete('/users/:id', { schema: { tags, summary: 'Admin only: deactivates the account', params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await users.remove(ctxOf(req), req.params.id)
    return reply.status(204).send(null)
  })
}
