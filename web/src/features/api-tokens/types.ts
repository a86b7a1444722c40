import type { z } from 'zod'
import type { ApiToken, ApiTokenCreate, apiTokenCreatedSchema } from '@server/modules/api-tokens/api-tokens.schema'

export type { ApiToken, ApiTokenCreate }
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>

export const apiTokenKeys = { all: ['api-tokens'] as const }
