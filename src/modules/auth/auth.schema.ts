import { z } from 'zod'
import { userSchema, passwordSchema, localeSchema } from '../users/users.schema'
import { requiredText, timeZone } from '../../lib/schema'

export const loginSchema = z
  .strictObject({
    email: z.string().trim().toLowerCase().max(254),
    password: z.string().max(200),
  })
  .meta({ id: 'Login' })

export const sessionSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string(),
    settings: z.object({ defaultRegion: z.string() }),
  })
  .meta({ id: 'Session' })
export type Session = z.infer<typeof sessionSchema>

/** GET /auth/session: the session, or nobody (signed out) as a plain answer. */
export const sessionStateSchema = z.union([sessionSchema, z.object({ user: z.null() })]).meta({ id: 'SessionState' })
export type SessionState = z.infer<typeof sessionStateSchema>

export const passwordChangeSchema = z
  .strictObject({ currentPassword: z.string().max(200), newPassword: passwordSchema })
  .meta({ id: 'PasswordChange' })

export const setupStatusSchema = z.object({ needsSetup: z.boolean() }).meta({ id: 'SetupStatus' })

export const setupSchema = z
  .strictObject({
    email: z.string().trim().toLowerCase().pipe(z.email('Invalid e-mail address').max(254)),
    name: requiredText(200),
    password: passwordSchema,
    locale: localeSchema.optional(),
    timeZone: timeZone.optional().describe("the first admin's browser zone: becomes the company's unless one is set"),
  })
  .meta({ id: 'Setup' })
export type SetupInput = z.infer<typeof setupSchema>
