import { z } from 'zod'
import { timestamp } from '../../lib/schema'
import { ROLES } from '../../server/context'

// The request schemas already require 10 (passwordSchema): the setting can only raise it.
export const MIN_PASSWORD_FLOOR = 10

/** One policy for how people sign in and stay signed in: session time-outs, required second factor, password length. */
export const securitySettingsSchema = z
  .object({
    sessionIdleMinutes: z.number().int().describe('a session unused this long ends (sign in again)'),
    sessionMaxDays: z.number().int().describe('a session ends this long after sign-in, used or not'),
    requireTwoFactorRoles: z.array(z.enum(ROLES)).describe('users of these roles must enrol a second factor before they can do anything'),
    passwordMinLength: z.number().int().describe('new passwords have at least this many characters'),
    version: z.number().int().describe('send it back with a change: 409 when another admin changed the policy since'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'SecuritySettings' })
export type SecuritySettings = z.infer<typeof securitySettingsSchema>

export const securitySettingsUpdateSchema = z
  .strictObject({
    sessionIdleMinutes: z.number().int().min(5).max(60 * 24 * 30),
    sessionMaxDays: z.number().int().min(1).max(365),
    requireTwoFactorRoles: z.array(z.enum(ROLES)).max(ROLES.length),
    passwordMinLength: z.number().int().min(MIN_PASSWORD_FLOOR).max(128),
    version: z.number().int().min(0),
  })
  .meta({ id: 'SecuritySettingsUpdate' })
export type SecuritySettingsUpdate = z.infer<typeof securitySettingsUpdateSchema>
