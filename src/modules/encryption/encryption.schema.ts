import { z } from 'zod'
import { ENCRYPTABLE, ENCRYPTABLE_FIELDS } from './encryption.fields'

export const encryptableFieldSchema = z.enum(ENCRYPTABLE_FIELDS as [keyof typeof ENCRYPTABLE, ...(keyof typeof ENCRYPTABLE)[]])

export const encryptionStatusSchema = z
  .object({
    /** Whether the server was started with a master key (KITH_ENCRYPTION_KEY / _FILE). */
    configured: z.boolean(),
    fingerprint: z.string().nullable(),
    keys: z.array(z.object({ id: z.string(), active: z.boolean(), createdAt: z.string() })),
    fields: z.array(z.object({ field: encryptableFieldSchema, chosen: z.boolean(), always: z.boolean().describe('a stored credential, encrypted whenever a master key is set'), loses: z.enum(['none', 'substring', 'search']).describe('what search loses: substring = exact value only; search = not searched') })),
    version: z.number().int(),
    reseal: z
      .object({ keyId: z.string(), changed: z.number().int(), startedAt: z.string(), finishedAt: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'EncryptionStatus' })

export const encryptionUpdateSchema = z
  .object({ fields: z.array(encryptableFieldSchema).max(ENCRYPTABLE_FIELDS.length), version: z.number().int().min(0) })
  .strict()
  .meta({ id: 'EncryptionUpdate' })

export type EncryptionStatus = z.infer<typeof encryptionStatusSchema>
