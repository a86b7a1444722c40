import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { StageService } from './pipeline-stages.service'
import {
  stageCreateSchema, stageKeyParams, stageListSchema, stageReorderSchema, stageSchema, stageUpdateSchema,
} from './pipeline-stages.schema'

export function pipelineStageRoutes(app: App, { pipelineStages: stages }: { pipelineStages: StageService }) {
  const tags = ['pipeline-stages']
  app.get('/pipeline-stages', {
    schema: { tags, summary: 'The live stages in board order (any signed-in user)', response: { 200: stageListSchema } },
  }, (req) => stages.list(ctxOf(req)))

  app.post('/pipeline-stages', {
    schema: { tags, summary: 'Add a stage (admin)', body: stageCreateSchema, response: { 201: stageSchema } },
  }, async (req, reply) => {
    const stage = await stages.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/pipeline-stages/${stage.key}`).send(stage)
  })

  app.post('/pipeline-stages/reorder', {
    schema: { tags, summary: 'Put the stages in this order (admin)', body: stageReorderSchema, response: { 200: stageListSchema } },
  }, (req) => stages.reorder(ctxOf(req), req.body.keys))

  app.get('/pipeline-stages/:key', { schema: { tags, params: stageKeyParams, response: { 200: stageSchema } } }, (req) =>
    stages.get(ctxOf(req), req.params.key))

  app.patch('/pipeline-stages/:key', {
    schema: { tags, summary: 'Update (admin); a stale version gets 409 with the current stage', params: stageKeyParams, body: stageUpdateSchema, response: { 200: stageSchema } },
  }, (req) => stages.update(ctxOf(req), req.params.key, req.body))

  app.delete('/pipeline-stages/:key', {
    schema: { tags, summary: 'Soft delete (admin); refused while opportunities are in the stage', params: stageKeyParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await stages.remove(ctxOf(req), req.params.key)
    return reply.status(204).send(null)
  })
}
