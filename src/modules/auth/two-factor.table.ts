import type { Generated } from 'kysely'

export interface UserTwoFactorTable {
  userId: string
  /** Base32 TOTP secret. */
  secret: string
  confirmedAt: Date | null
  lastUsedStep: string | number | null
  failedCount: Generated<number>
  failedSince: Date | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface UserRecoveryCodesTable {
  id: string
  userId: string
  codeHash: string
  usedAt: Date | null
  createdAt: Generated<Date>
}

export interface TwoFactorChallengesTable {
  /** sha256 of the token handed to the client. */
  id: string
  userId: string
  purpose: 'verify' | 'enrol'
  attempts: Generated<number>
  expiresAt: Date
  createdAt: Generated<Date>
}
