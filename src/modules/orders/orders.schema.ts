import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, timestamp, version } from '../../lib/schema'
import { quoteLineSchema } from '../quotes/quotes.schema'

export const ORDER_STATUSES = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const
export const ORDER_SORTS = ['createdAt', 'updatedAt', 'orderedAt', 'number', 'total', 'shipDate'] as const

export const orderLineSchema = quoteLineSchema.meta({ id: 'OrderLine' })

export const orderSchema = z
  .object({
    ...recordMeta,
    number: z.string().describe('SO-YYYY-NNNN'),
    quoteId: id.nullable(),
    quoteNumber: z.string().nullable(),
    quoteRevision: z.number().int().nullable(),
    opportunityId: id.nullable(),
    opportunityName: z.string().nullable(),
    customerId: id,
    customerName: z.string(),
    contactId: id.nullable(),
    contactName: z.string().nullable(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    teamId: id.nullable(),
    status: z.enum(ORDER_STATUSES).describe('pending → confirmed → shipped → delivered, or cancelled (from pending or confirmed)'),
    currency: z.string(),
    lines: z.array(orderLineSchema),
    subtotal: z.string(),
    discountTotal: z.string(),
    taxTotal: z.string(),
    total: z.string(),
    orderedAt: timestamp,
    shipDate: z.iso.date().nullable(),
    deliveredAt: timestamp.nullable(),
    cancelledAt: timestamp.nullable(),
    notes: z.string().nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Order' })
export type Order = z.infer<typeof orderSchema>

export const orderUpdateSchema = z
  .strictObject({
    version,
    status: z.enum(ORDER_STATUSES).optional(),
    shipDate: z.iso.date().refine((d) => d >= '0001-01-01', 'Out of range').nullable().optional().describe('Default when shipped: today'),
    notes: optionalText(4000),
  })
  .meta({ id: 'OrderUpdate' })
export type OrderUpdate = z.infer<typeof orderUpdateSchema>

export const orderListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional().describe('matches the number'),
  sort: z.string().max(30).optional().describe(`${ORDER_SORTS.join(', ')}; - for descending`),
  status: z.enum(ORDER_STATUSES).optional(),
  customerId: id.optional(),
  opportunityId: id.optional(),
  quoteId: id.optional(),
  ownerId: id.optional(),
})
export type OrderListQuery = z.infer<typeof orderListQuerySchema>
