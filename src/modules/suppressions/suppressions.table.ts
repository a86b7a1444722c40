import type { Generated } from 'kysely'

export type SuppressionReason = 'unsubscribed' | 'bounced' | 'complained' | 'manual' | 'erased'

/** One row per lower-cased address that no campaign may mail again (an erased person's: its hash, see erasedKeyOf). */
export interface SuppressionsTable {
  email: string
  reason: SuppressionReason
  campaignId: string | null
  detail: string | null
  createdAt: Generated<Date>
}
