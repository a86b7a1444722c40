import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { TeamService } from './teams.service'
import { teamCreateSchema, teamSchema, teamUpdateSchema } from './teams.schema'

export function teamRoutes(app: App, { teams }: { teams: TeamService }) {
  const tags = ['teams']
  app.get('/teams', { schema: { tags, response: { 200: pageOf(teamSchema) } } }, (req) => teams.list(ctxOf(req)))
  app.get('/teams/:id', { schema: { tags, params: idParams, response: { 200: teamSchema } } }, (req) =>
    teams.get(ctxOf(req), req.params.id))
  app.post('/teams', { schema: { tags, summary: 'Admin only', body: teamCreateSchema, response: { 201: teamSchema } } }, async (req, reply) => {
    const team = await teams.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/teams/${team.id}`).send(team)
  })
  app.patch('/teams/:id', { schema: { tags, summary: 'Admin only', params: idParams, body: teamUpdateSchema, response: { 200: teamSchema } } }, (req) =>
    teams.update(ctxOf(req), req.params.id, req.body))
  app.delete('/teams/:id', { schema: { tags, summary: 'Admin only; the team must have no members', params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await teams.remove(ctxOf(req), req.params.id)
    return reply.status(204).send(null)
  })
}
