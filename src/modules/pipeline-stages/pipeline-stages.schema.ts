import { z } from 'zod'
import { optionalText, recordMeta, requiredText, version } from '../../lib/schema'

export const STAGE_KINDS = ['open', 'won', 'lost'] as const

export const stageSchema = z
  .object({
    ...recordMeta,
    key: z.string(),
    name: z.string().describe('Chinese (or primary) name'),
    nameEn: z.string().nullable().describe('English name'),
    position: z.number().int(),
    probability: z.number().int().min(0).max(100),
    kind: z.enum(STAGE_KINDS),
  })
  .meta({ id: 'PipelineStage' })
export type Stage = z.infer<typeof stageSchema>

const probability = z.number().int().min(0, 'Between 0 and 100').max(100, 'Between 0 and 100')

export const stageCreateSchema = z
  .strictObject({
    key: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Lower-case letters, digits and _, 2–40 characters'),
    name: requiredText(100),
    nameEn: optionalText(100),
    probability,
    kind: z.enum(STAGE_KINDS).default('open'),
    position: z.number().int().min(0).max(1000).optional().describe('Default: after the last stage'),
  })
  .meta({ id: 'PipelineStageCreate' })
export type StageCreate = z.infer<typeof stageCreateSchema>

export const stageUpdateSchema = z
  .strictObject({
    version,
    name: requiredText(100).optional(),
    nameEn: optionalText(100),
    probability: probability.optional(),
    kind: z.enum(STAGE_KINDS).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .meta({ id: 'PipelineStageUpdate' })
export type StageUpdate = z.infer<typeof stageUpdateSchema>

export const stageKeyParams = z.strictObject({ key: z.string().max(40) })

export const stageListSchema = z.object({ items: z.array(stageSchema) }).meta({ id: 'PipelineStageList' })

export const stageReorderSchema = z
  .strictObject({
    keys: z.array(z.string().max(40)).min(1).max(100).describe('Every live stage key, once, in the new order'),
  })
  .meta({ id: 'PipelineStageReorder' })
