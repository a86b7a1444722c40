import type { Generated } from 'kysely'

export interface PipelineStagesTable {
  id: string
  key: string
  name: string
  nameEn: string | null
  position: number
  probability: number
  kind: 'open' | 'won' | 'lost'
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
}
