import { z } from 'zod'
import { id, requiredText, timestamp } from '../../lib/schema'

export const apiTokenSchema = z
  .object({
    id,
    name: z.string(),
    prefix: z.string().describe('First characters of the token, to recognise it'),
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
  })
  .meta({ id: 'ApiTokenCreate' })
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>

export const apiTokenCreatedSchema = z
  .object({ token: apiTokenSchema, secret: z.string().describe('Shown once: send as Authorization: Bearer <secret>') })
  .meta({ id: 'ApiTokenCreated' })
