import { z } from 'zod'
import { ROLES } from '../../server/context'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timeZone, timestamp, version } from '../../lib/schema'

export const LOCALES = ['zh-CN', 'en'] as const
export const roleSchema = z.enum(ROLES)
export const localeSchema = z.enum(LOCALES)
const email = z.string().trim().toLowerCase().pipe(z.email('Invalid e-mail address').max(254))
const password = z.string().min(10, 'At least 10 characters').max(200)

export const userSchema = z
  .object({
    ...recordMeta,
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    teamId: id.nullable(),
    active: z.boolean(),
    locale: localeSchema.nullable(),
    timeZone: z.string().nullable().describe("IANA zone the web app shows this user's times in and counts his today by; null: the company's"),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof userSchema>

export const userCreateSchema = z
  .strictObject({
    email,
    name: requiredText(200),
    role: roleSchema,
    teamId: id.nullable().optional(),
    active: z.boolean().optional(),
    locale: localeSchema.nullable().optional(),
    timeZone: timeZone.nullable().optional(),
    password,
  })
  .meta({ id: 'UserCreate' })
export type UserCreate = z.infer<typeof userCreateSchema>

export const userUpdateSchema = z
  .strictObject({
    version,
    email: email.optional(),
    name: requiredText(200).optional(),
    role: roleSchema.optional(),
    teamId: id.nullable().optional(),
    active: z.boolean().optional(),
    locale: localeSchema.nullable().optional(),
    timeZone: timeZone.nullable().optional(),
    password: password.optional(),
  })
  .meta({ id: 'UserUpdate' })
export type UserUpdate = z.infer<typeof userUpdateSchema>

/** What a user may change about himself. */
export const profileUpdateSchema = z.strictObject({
  name: requiredText(200).optional(),
  locale: localeSchema.nullable().optional(),
  timeZone: timeZone.nullable().optional(),
})
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>

export const userListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: optionalText(200),
  role: roleSchema.optional(),
  teamId: id.optional(),
  active: z.stringbool().optional(),
})
export type UserListQuery = z.infer<typeof userListQuerySchema>

export const passwordSchema = password
