import type { Generated } from 'kysely'

/** A monthly sales target for a rep (ownerId), a team (teamId) or the company (neither). */
export interface SalesTargetsTable {
  id: string
  /** YYYY-MM-01 */
  month: string
  ownerId: string | null
  teamId: string | null
  amount: string
  currency: string
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
}
