import type { Generated } from 'kysely'

/** The admin's list of reasons a deal is lost (zh-CN and English label each). */
export interface LostReasonsTable {
  id: string
  /** Set for the seeded defaults ('other' is the one that takes any text); null for the admin's own. */
  key: string | null
  labelZh: string
  labelEn: string
  position: number
  active: Generated<boolean>
  /** The deal must then carry a note (the "other" reason). */
  requiresNote: Generated<boolean>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
}
