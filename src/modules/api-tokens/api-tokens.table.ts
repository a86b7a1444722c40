import type { Generated } from 'kysely'

export interface ApiTokensTable {
  id: string
  userId: string
  name: string
  tokenHash: string
  prefix: string
  createdAt: Generated<Date>
  expiresAt: Date | null
  lastUsedAt: Date | null
  revokedAt: Date | null
  /** e.g. ['customers:read', '*:write'] (write includes read); see api-tokens.scopes.ts. */
  scopes: string[]
}
