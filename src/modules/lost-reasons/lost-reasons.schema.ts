import { z } from 'zod'
import { id, recordMeta, requiredText, version } from '../../lib/schema'

export const lostReasonSchema = z
  .object({
    ...recordMeta,
    key: z.string().nullable().describe('budget, price, competitor, timing, no_response, not_a_fit, other for the defaults; null for reasons the admin added'),
    labelZh: z.string(),
    labelEn: z.string(),
    position: z.number().int(),
    active: z.boolean().describe('inactive reasons are kept on old deals but cannot be chosen'),
    requiresNote: z.boolean().describe('a deal lost for this reason needs lostNote (the "other" reason)'),
  })
  .meta({ id: 'LostReason' })
export type LostReason = z.infer<typeof lostReasonSchema>

export const lostReasonListSchema = z.object({ items: z.array(lostReasonSchema) }).meta({ id: 'LostReasonList' })

export const lostReasonListQuerySchema = z.strictObject({
  active: z.stringbool().optional().describe('true: only the reasons that can be chosen'),
})

export const lostReasonCreateSchema = z
  .strictObject({
    labelZh: requiredText(100),
    labelEn: requiredText(100),
    active: z.boolean().default(true),
    requiresNote: z.boolean().default(false),
    position: z.number().int().min(1).max(1000).optional().describe('Default: last'),
  })
  .meta({ id: 'LostReasonCreate' })
export type LostReasonCreate = z.infer<typeof lostReasonCreateSchema>

export const lostReasonUpdateSchema = z
  .strictObject({
    version,
    labelZh: requiredText(100).optional(),
    labelEn: requiredText(100).optional(),
    active: z.boolean().optional(),
    requiresNote: z.boolean().optional(),
    position: z.number().int().min(1).max(1000).optional().describe('1 = first; the others move down'),
  })
  .meta({ id: 'LostReasonUpdate' })
export type LostReasonUpdate = z.infer<typeof lostReasonUpdateSchema>

export const lostReasonParams = z.strictObject({ id })
