import { z } from 'zod'
import { recordMeta, requiredText, version } from '../../lib/schema'

export const teamSchema = z
  .object({ ...recordMeta, name: z.string(), memberCount: z.number().int() })
  .meta({ id: 'Team' })
export type Team = z.infer<typeof teamSchema>

export const teamCreateSchema = z.strictObject({ name: requiredText(100) }).meta({ id: 'TeamCreate' })
export type TeamCreate = z.infer<typeof teamCreateSchema>

export const teamUpdateSchema = z.strictObject({ name: requiredText(100), version }).meta({ id: 'TeamUpdate' })
export type TeamUpdate = z.infer<typeof teamUpdateSchema>
