import type { z } from 'zod'
import type {
  BoardQuery,
  Opportunity,
  OpportunityListQuery,
  boardSchema,
  historyEntrySchema,
  lineInputSchema,
  lineSchema,
  opportunityCreateSchema,
  opportunityUpdateSchema,
} from '@server/modules/opportunities/opportunities.schema'

export type { Opportunity }
export type OpportunityInput = z.input<typeof opportunityCreateSchema>
export type OpportunityPatch = z.input<typeof opportunityUpdateSchema>
export type OpportunityChanges = Omit<OpportunityPatch, 'version'>
export type OpportunityListParams = Partial<OpportunityListQuery>
export type OpportunityStatus = NonNullable<OpportunityListQuery['status']>
export type OpportunityLine = z.infer<typeof lineSchema>
export type LineInput = z.input<typeof lineInputSchema>
export type Board = z.infer<typeof boardSchema>
export type BoardColumn = Board['columns'][number]
export type BoardCard = BoardColumn['items'][number]
export type BoardParams = Partial<BoardQuery>
export type HistoryEntry = z.infer<typeof historyEntrySchema>
export type OpportunitySort = 'name' | 'createdAt' | 'updatedAt' | 'expectedCloseDate' | 'amount'

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const satisfies readonly OpportunityStatus[]

export const opportunityKeys = {
  all: ['opportunities'] as const,
  lists: () => [...opportunityKeys.all, 'list'] as const,
  list: (params: OpportunityListParams) => [...opportunityKeys.lists(), params] as const,
  boards: () => [...opportunityKeys.all, 'board'] as const,
  board: (params: BoardParams) => [...opportunityKeys.boards(), params] as const,
  detail: (id: string) => [...opportunityKeys.all, 'detail', id] as const,
  history: (id: string) => [...opportunityKeys.all, 'history', id] as const,
}
