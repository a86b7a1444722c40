import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'
import { segmentFilterSchema } from './mailing-lists.filter'

export { segmentFilterSchema }
export const MAILING_LIST_KINDS = ['static', 'dynamic'] as const
export const MEMBER_KINDS = ['customer', 'contact', 'lead'] as const

export const mailingListSchema = z
  .object({
    ...recordMeta,
    name: z.string(),
    kind: z.enum(MAILING_LIST_KINDS),
    filter: segmentFilterSchema.nullable().describe('dynamic lists only'),
    description: z.string().nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'MailingList' })
export type MailingList = z.infer<typeof mailingListSchema>

export const mailingListCreateSchema = z
  .strictObject({
    name: requiredText(200),
    kind: z.enum(MAILING_LIST_KINDS),
    filter: segmentFilterSchema.optional().describe('Required for kind dynamic; not allowed for static'),
    description: optionalText(2000),
  })
  .meta({ id: 'MailingListCreate' })
export type MailingListCreate = z.infer<typeof mailingListCreateSchema>

export const mailingListUpdateSchema = z
  .strictObject({ name: requiredText(200).optional(), filter: segmentFilterSchema.optional(), description: optionalText(2000), version })
  .meta({ id: 'MailingListUpdate' })
export type MailingListUpdate = z.infer<typeof mailingListUpdateSchema>

export const mailingListListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(30).optional().describe('name, createdAt, updatedAt; prefix - for descending. Default -createdAt'),
  kind: z.enum(MAILING_LIST_KINDS).optional(),
  deleted: z.stringbool().optional(),
})
export type MailingListListQuery = z.infer<typeof mailingListListQuerySchema>

/** A member as a campaign sees it: the address and the merge-field values. `id` is the customer's, contact's or lead's id. */
export const memberSchema = z
  .object({
    id,
    kind: z.enum(MEMBER_KINDS),
    email: z.string().nullable(),
    name: z.string(),
    company: z.string().nullable(),
  })
  .meta({ id: 'MailingListMember' })
export type Member = z.infer<typeof memberSchema>

export const membersQuerySchema = z.strictObject(listQueryBase)

const idList = z.array(id).max(1000).optional()
export const membersAddSchema = z
  .strictObject({ customerIds: idList, contactIds: idList, leadIds: idList })
  .refine((b) => (b.customerIds?.length ?? 0) + (b.contactIds?.length ?? 0) + (b.leadIds?.length ?? 0) > 0, {
    message: 'Give at least one of customerIds, contactIds, leadIds',
    path: ['customerIds'],
  })
  .meta({ id: 'MailingListMembersAdd' })
export type MembersAdd = z.infer<typeof membersAddSchema>

export const membersAddedSchema = z
  .object({ added: z.number().int(), alreadyMembers: z.number().int(), notFound: z.array(id) })
  .meta({ id: 'MailingListMembersAdded' })

export const memberParams = z.strictObject({ id, memberId: id })

export const countSchema = z
  .object({
    count: z.number().int().describe('members (customers, contacts, leads) now in the list'),
    emails: z.number().int().describe('distinct e-mail addresses among them (what a send would materialise, before suppressions)'),
  })
  .meta({ id: 'MailingListCount' })

// No schema id: a query string is inlined into the operation's parameters, not referenced. `field` is
// checked by the service, after the role: a role that may not read segments learns nothing from a 400.
export const segmentValuesQuerySchema = z.strictObject({
  field: z.string().max(60).optional().describe('required: a text field of the segment language, e.g. customer.city'),
  q: z.string().max(100).default(''),
})
export type SegmentValuesQuery = z.infer<typeof segmentValuesQuerySchema>
export const segmentValuesSchema = z.object({ items: z.array(z.string()) }).meta({ id: 'SegmentValues' })
export const segmentPreviewSchema = z.strictObject({ filter: segmentFilterSchema }).meta({ id: 'SegmentPreviewRequest' })
export const segmentPreviewResultSchema = z
  .object({ count: z.number().int(), emails: z.number().int(), sample: z.array(memberSchema) })
  .meta({ id: 'SegmentPreview' })
