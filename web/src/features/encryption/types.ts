import type { z } from 'zod'
import type { encryptionStatusSchema, encryptionUpdateSchema } from '@server/modules/encryption/encryption.schema'

export type EncryptionStatus = z.infer<typeof encryptionStatusSchema>
export type EncryptionUpdate = z.input<typeof encryptionUpdateSchema>
export type EncryptableField = EncryptionStatus['fields'][number]['field']

export const encryptionKeys = { status: ['encryption', 'status'] as const }
