import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'
import { moneyInput, percentInput, quantityInput } from '../../lib/money'

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const
export const QUOTE_LANGUAGES = ['zh-CN', 'en'] as const
export const QUOTE_SORTS = ['createdAt', 'updatedAt', 'number', 'revision', 'validUntil', 'total'] as const

const day = z.iso.date().refine((d) => d >= '0001-01-01' && d <= '9999-12-31', 'Out of range')

/** A line as quoted: the product's SKU, text, price and tax as they were, whatever the catalog says later. */
export const quoteLineSchema = z
  .object({
    id,
    productId: id.nullable().describe('null once the product is purged; the snapshot stays'),
    sku: z.string().nullable(),
    description: z.string(),
    quantity: z.string(),
    unitPrice: z.string(),
    discountPercent: z.string(),
    taxRate: z.string(),
    amount: z.string().describe('quantity × unitPrice × (1 − discount), before tax, rounded on its own for display'),
    taxAmount: z.string().describe('amount × taxRate, rounded on its own for display'),
  })
  .meta({ id: 'QuoteLine' })

export const quoteLineInputSchema = z
  .strictObject({
    productId: id.nullable().optional().describe('snapshots its SKU; description, unitPrice and taxRate default to the product'),
    description: requiredText(500).optional(),
    quantity: quantityInput,
    unitPrice: moneyInput.optional(),
    discountPercent: percentInput.default('0'),
    taxRate: percentInput.optional().describe("Default: the product's rate, else 0"),
  })
  .meta({ id: 'QuoteLineCreate' })
export type QuoteLineInput = z.infer<typeof quoteLineInputSchema>

export const quoteSchema = z
  .object({
    ...recordMeta,
    number: z.string().describe('Q-YYYY-NNNN, shared by all revisions'),
    revision: z.number().int(),
    isLatest: z.boolean().describe('only the latest revision can be edited, sent, accepted or rejected'),
    opportunityId: id,
    opportunityName: z.string(),
    customerId: id,
    customerName: z.string(),
    contactId: id.nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    customerEmail: z.string().nullable(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    teamId: id.nullable(),
    status: z.enum(QUOTE_STATUSES).describe('expired: a draft or sent quote past validUntil'),
    currency: z.string(),
    language: z.enum(QUOTE_LANGUAGES).describe('of the PDF and the e-mail'),
    validUntil: z.iso.date(),
    notes: z.string().nullable(),
    lines: z.array(quoteLineSchema),
    subtotal: z.string().describe('Σ quantity × unitPrice, rounded once'),
    discountTotal: z.string().describe('Σ discounts, rounded once'),
    taxTotal: z.string().describe('Σ taxes, rounded once'),
    total: z.string().describe('Σ (net + tax), rounded once'),
    sentAt: timestamp.nullable(),
    sentTo: z.string().nullable(),
    acceptedAt: timestamp.nullable(),
    rejectedAt: timestamp.nullable(),
    rejectReason: z.string().nullable(),
    orderId: id.nullable(),
    orderNumber: z.string().nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Quote' })
export type Quote = z.infer<typeof quoteSchema>

export const quoteGenerateSchema = z
  .strictObject({
    validUntil: day.optional().describe('Default: today + the company profile’s quoteValidityDays'),
    language: z.enum(QUOTE_LANGUAGES).optional().describe("Default: the customer's (Chinese name or country → zh-CN)"),
    notes: optionalText(4000),
  })
  .meta({ id: 'QuoteGenerate' })
export type QuoteGenerate = z.infer<typeof quoteGenerateSchema>

export const quoteUpdateSchema = z
  .strictObject({
    version,
    validUntil: day.optional(),
    language: z.enum(QUOTE_LANGUAGES).optional(),
    notes: optionalText(4000),
    contactId: id.nullable().optional(),
    lines: z.array(quoteLineInputSchema).max(200).optional().describe('Replaces all lines'),
  })
  .meta({ id: 'QuoteUpdate' })
export type QuoteUpdate = z.infer<typeof quoteUpdateSchema>

const address = z.string().trim().max(254).pipe(z.email('Invalid e-mail address'))

export const quoteSendSchema = z
  .strictObject({
    to: z.union([address, z.array(address).min(1).max(10)]).describe('one address or a list'),
    cc: z.array(address).max(10).optional(),
    subject: z.string().trim().min(1, 'Required').max(300).optional().describe('Default: "Quote Q-… from <company>" in the quote’s language'),
    message: z.string().trim().max(20000).optional(),
  })
  .meta({ id: 'QuoteSend' })
export type QuoteSend = z.infer<typeof quoteSendSchema>

export const quoteRejectSchema = z.strictObject({ reason: optionalText(1000) }).meta({ id: 'QuoteReject' })
export type QuoteReject = z.infer<typeof quoteRejectSchema>

export const quoteListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional().describe('matches the number'),
  sort: z.string().max(30).optional().describe(`${QUOTE_SORTS.join(', ')}; - for descending`),
  status: z.enum(QUOTE_STATUSES).optional(),
  number: z.string().trim().max(40).optional().describe('every revision of this number'),
  latest: z.stringbool().optional().describe('only latest revisions (default true unless number is given)'),
  opportunityId: id.optional(),
  customerId: id.optional(),
  ownerId: id.optional(),
})
export type QuoteListQuery = z.infer<typeof quoteListQuerySchema>
