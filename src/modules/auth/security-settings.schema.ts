import { z } from 'zod'
import { timestamp } from '../../lib/schema'

export const securitySettingsSchema = z
  .object({
    sessionIdleMinutes: z.number().int().describe('a session unused this long ends (sign in again)'),
    sessionMaxDays: z.number().int().describe('a session ends this long after sign-in, used or not'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'SecuritySettings' })
export type SecuritySettings = z.infer<typeof securitySettingsSchema>

export const securitySettingsUpdateSchema = z
  .strictObject({
    sessionIdleMinutes: z.number().int().min(5).max(60 * 24 * 30),
    sessionMaxDays: z.number().int().min(1).max(365),
  })
  .meta({ id: 'SecuritySettingsUpdate' })
export type SecuritySettingsUpdate = z.infer<typeof securitySettingsUpdateSchema>
