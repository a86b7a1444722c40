/**
 * What a segment can filter on: the fields, their types and operators. Plain data, read by the
 * server's filter compiler (mailing-lists.filter.ts, which adds each field's SQL) and by the web's
 * condition editor, so both offer and accept the same fields.
 */
export const SEGMENT_OPS = [
  'eq', 'neq', 'in', 'contains', 'starts_with', 'gt', 'lt', 'before', 'after', 'within_days', 'older_than_days', 'not_within_days', 'is_empty', 'is_not_empty',
] as const
export type SegmentOp = (typeof SEGMENT_OPS)[number]

export type SegmentFieldType = 'text' | 'enum' | 'tags' | 'uuid' | 'number' | 'date' | 'orders'
/** Which rows a field belongs to: customer fields also select a customer's contacts. */
export type SegmentFieldGroup = 'customer' | 'contact' | 'lead'

export interface SegmentField {
  key: string
  group: SegmentFieldGroup
  type: SegmentFieldType
  /** An enum's values. */
  values?: readonly string[]
  /** What a uuid field points at. */
  ref?: 'user' | 'campaign'
}

export const SEGMENT_FIELD_LIST: readonly SegmentField[] = [
  { key: 'customer.industry', group: 'customer', type: 'text' },
  { key: 'customer.city', group: 'customer', type: 'text' },
  { key: 'customer.region', group: 'customer', type: 'text' },
  { key: 'customer.country', group: 'customer', type: 'text' },
  { key: 'customer.tags', group: 'customer', type: 'tags' },
  { key: 'customer.status', group: 'customer', type: 'enum', values: ['prospect', 'active', 'inactive'] },
  { key: 'customer.type', group: 'customer', type: 'enum', values: ['company', 'person'] },
  { key: 'customer.source', group: 'customer', type: 'text' },
  { key: 'customer.ownerId', group: 'customer', type: 'uuid', ref: 'user' },
  { key: 'customer.createdAt', group: 'customer', type: 'date' },
  { key: 'customer.lastOrderAt', group: 'customer', type: 'orders' },
  { key: 'contact.title', group: 'contact', type: 'text' },
  { key: 'lead.status', group: 'lead', type: 'enum', values: ['new', 'contacted', 'qualified', 'unqualified', 'converted'] },
  { key: 'lead.source', group: 'lead', type: 'text' },
  { key: 'lead.score', group: 'lead', type: 'number' },
  { key: 'lead.ownerId', group: 'lead', type: 'uuid', ref: 'user' },
  { key: 'lead.campaignId', group: 'lead', type: 'uuid', ref: 'campaign' },
  { key: 'lead.createdAt', group: 'lead', type: 'date' },
]

export const OPS_BY_TYPE: Record<SegmentFieldType, readonly SegmentOp[]> = {
  // Contains first: exported data rarely holds the exact spelling (苏州 vs 苏州市).
  text: ['contains', 'starts_with', 'eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
  enum: ['eq', 'neq', 'in'],
  tags: ['contains', 'in', 'is_empty', 'is_not_empty'],
  uuid: ['eq', 'neq', 'in', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'lt'],
  date: ['before', 'after', 'within_days', 'older_than_days', 'is_empty', 'is_not_empty'],
  orders: ['within_days', 'older_than_days', 'not_within_days', 'is_empty', 'is_not_empty'],
}
