import { z } from 'zod'
import { timestamp } from '../../lib/schema'
import { ROLES } from '../../server/context'

// The request schemas already require 10 (passwordSchema): the setting can only raise it.
export const MIN_PASSWORD_FLOOR = 10

export const securitySettingsSchema = z
  .object({
    passwordMinLength: z.number().int().describe('new passwords have at least this many characters'),
    requireTwoFactorRoles: z.array(z.enum(ROLES)).describe('users of these roles must enrol a second factor before they can do anything'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'SecuritySettings' })
export type SecuritySettings = z.infer<typeof securitySettingsSchema>

export const securitySettingsUpdateSchema = z
  .strictObject({
    passwordMinLength: z.number().int().min(MIN_PASSWORD_FLOOR).max(128),
    requireTwoFactorRoles: z.array(z.enum(ROLES)).max(ROLES.length),
  })
  .meta({ id: 'SecuritySettingsUpdate' })
export type SecuritySettingsUpdate = z.infer<typeof securitySettingsUpdateSchema>
