import { z } from 'zod'
import { id, requiredText, timestamp } from '../../lib/schema'
import { ALL_SCOPES, SCOPE_MODULES } from './api-tokens.scopes'

const scopeDoc = `<module>:read or <module>:write (write includes read); * for every module. Modules: ${SCOPE_MODULES.join(', ')}. A token acts with at most its user's current role.`

export const apiTokenSchema = z
  .object({
    id,
    name: z.string(),
    prefix: z.string().describe('First characters of the token, to recognise it'),
    scopes: z.array(z.string()).describe(scopeDoc),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    lastUsedAt: timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' })
export type ApiToken = z.infer<typeof apiTokenSchema>

export const apiTokenCreateSchema = z
  .strictObject({
    name: requiredText(100),
    expiresAt: timestamp.nullable().optional(),
    scopes: z
      .array(z.enum(ALL_SCOPES))
      .min(1)
      .max(ALL_SCOPES.length)
      .optional()
      .describe(`${scopeDoc} Left out: ["*:write"], the user's full access.`),
  })
  .meta({ id: 'ApiTokenCreate' })
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>

export const apiTokenCreatedSchema = z
  .object({ token: apiTokenSchema, secret: z.string().describe('Shown once: send as Authorization: Bearer <secret>') })
  .meta({ id: 'ApiTokenCreated' })
