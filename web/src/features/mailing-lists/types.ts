import type { z } from 'zod'
import type {
  MailingList,
  MailingListListQuery,
  Member,
  countSchema,
  mailingListCreateSchema,
  mailingListUpdateSchema,
  membersAddedSchema,
  membersAddSchema,
  segmentPreviewResultSchema,
  segmentValuesSchema,
} from '@server/modules/mailing-lists/mailing-lists.schema'
import type { SegmentCondition, SegmentFilter, SegmentOp } from '@server/modules/mailing-lists/mailing-lists.filter'

export type { MailingList, SegmentFilter, SegmentOp }
export type Condition = SegmentCondition
export type ListMember = Member
export type ListKind = MailingList['kind']
export type MemberKind = Member['kind']
export type MailingListInput = z.input<typeof mailingListCreateSchema>
export type MailingListPatch = z.input<typeof mailingListUpdateSchema>
export type MembersToAdd = z.input<typeof membersAddSchema>
export type MembersAdded = z.infer<typeof membersAddedSchema>
export type ListCount = z.infer<typeof countSchema>
export type SegmentPreview = z.infer<typeof segmentPreviewResultSchema>
export type SegmentValues = z.infer<typeof segmentValuesSchema>
export type MailingListListParams = Partial<MailingListListQuery>

export const mailingListKeys = {
  all: ['mailing-lists'] as const,
  lists: () => [...mailingListKeys.all, 'list'] as const,
  list: (params: MailingListListParams) => [...mailingListKeys.lists(), params] as const,
  detail: (id: string) => [...mailingListKeys.all, 'detail', id] as const,
  members: (id: string, params: object) => [...mailingListKeys.all, 'members', id, params] as const,
  count: (id: string) => [...mailingListKeys.all, 'count', id] as const,
  preview: (filter: SegmentFilter) => [...mailingListKeys.all, 'preview', filter] as const,
  values: (field: string, q: string) => [...mailingListKeys.all, 'values', field, q] as const,
}
