import { z } from 'zod'
import { id, timestamp } from '../../lib/schema'

export const activeSessionSchema = z
  .object({
    id,
    device: z.string().nullable().describe('browser and system, read from the User-Agent'),
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    createdAt: timestamp,
    lastSeenAt: timestamp,
    current: z.boolean().describe('the session this request came with'),
  })
  .meta({ id: 'ActiveSession' })
export type ActiveSession = z.infer<typeof activeSessionSchema>

export const revokedSchema = z.object({ revoked: z.number().int() }).meta({ id: 'SessionsRevoked' })
