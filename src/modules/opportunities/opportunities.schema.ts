import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timeZone, timestamp, version } from '../../lib/schema'
import { currencySchema, moneyInput, percentInput, quantityInput } from '../../lib/money'

/** A date PostgreSQL can hold: the ISO format also lets through year 0, which the database refuses. */
const closeDate = z.iso.date().refine((d) => d >= '0001-01-01', 'Out of range')

export const OPPORTUNITY_SORTS = ['name', 'createdAt', 'updatedAt', 'expectedCloseDate', 'amount'] as const

export const lineSchema = z
  .object({
    id,
    productId: id.nullable(),
    description: z.string(),
    quantity: z.string(),
    unitPrice: z.string(),
    discountPercent: z.string(),
    amount: z.string().describe('quantity × unitPrice × (1 − discount), rounded to the currency'),
  })
  .meta({ id: 'OpportunityLine' })

export const lineInputSchema = z
  .strictObject({
    productId: id.nullable().optional(),
    description: requiredText(500).optional().describe("Default: the product's name; required on a line without productId"),
    quantity: quantityInput,
    unitPrice: moneyInput,
    discountPercent: percentInput.default('0'),
  })
  .meta({ id: 'OpportunityLineCreate' }) // not …LineInput: the docs name the input form of OpportunityLine so

export type OpportunityLineInput = z.infer<typeof lineInputSchema>

export const opportunitySchema = z
  .object({
    ...recordMeta,
    name: z.string(),
    customerId: id,
    customerName: z.string(),
    contactId: id.nullable(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    teamId: id.nullable(),
    stage: z.string().describe('a pipeline stage key'),
    amount: z.string().describe('decimal string; the sum of the lines when there are lines'),
    currency: z.string(),
    probability: z.number().int(),
    expectedCloseDate: z.iso.date().nullable(),
    lines: z.array(lineSchema),
    lostReasonId: id.nullable().describe('the reason a lost deal was lost (GET /lost-reasons)'),
    lostNote: z.string().nullable().describe('free text about why; required for the "other" reason'),
    lostReason: z.string().nullable().describe('Deprecated: the note, or the English label of the reason when there is no note'),
    campaignId: id.nullable(),
    leadId: id.nullable(),
    closedAt: timestamp.nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Opportunity' })
export type Opportunity = z.infer<typeof opportunitySchema>

const writable = {
  name: requiredText(200),
  customerId: id,
  contactId: id.nullable().optional(),
  ownerId: id.nullable().optional(),
  stage: z.string().trim().max(40).optional().describe('Default: the first open stage'),
  amount: moneyInput.optional().describe('Ignored when lines are given'),
  currency: currencySchema.optional().describe("Default: the company's currency (settings/company)"),
  probability: z.number().int().min(0).max(100).optional().describe("Default: the stage's probability"),
  expectedCloseDate: closeDate.nullable().optional(),
  lines: z.array(lineInputSchema).max(200).optional().describe('Replaces all lines'),
  lostReasonId: id.nullable().optional().describe('a lost deal needs one (GET /lost-reasons)'),
  lostNote: optionalText(1000),
  lostReason: optionalText(1000).describe('Deprecated free text: becomes the reason with this label, or "other" with the text as the note'),
  campaignId: id.nullable().optional(),
}

export const opportunityCreateSchema = z.strictObject(writable).meta({ id: 'OpportunityCreate' })
export type OpportunityCreate = z.infer<typeof opportunityCreateSchema>

export const opportunityUpdateSchema = z
  .strictObject({ ...writable, name: writable.name.optional(), customerId: id.optional(), version })
  .meta({ id: 'OpportunityUpdate' })
export type OpportunityUpdate = z.infer<typeof opportunityUpdateSchema>

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').refine((m) => m >= '0001-01', 'Out of range')

export const opportunityListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(30).optional().describe('name, createdAt, updatedAt, expectedCloseDate, amount; - for descending'),
  stage: z.string().max(40).optional(),
  status: z.enum(['open', 'won', 'lost']).optional().describe('by the kind of the stage'),
  ownerId: id.optional(),
  teamId: id.optional(),
  customerId: id.optional(),
  closeMonth: month.optional(),
  // Day ranges (inclusive) so a report's drill-down lists exactly the deals its row counted.
  closeFrom: closeDate.optional().describe('expected close date on or after this day'),
  closeTo: closeDate.optional().describe('expected close date on or before this day'),
  noCloseDate: z.stringbool().optional().describe('true: only deals without an expected close date'),
  createdFrom: closeDate.optional().describe('created on or after this day (in tz)'),
  createdTo: closeDate.optional().describe('created on or before this day (in tz)'),
  closedFrom: closeDate.optional().describe('won or lost on or after this day (in tz)'),
  closedTo: closeDate.optional().describe('won or lost on or before this day (in tz)'),
  tz: timeZone.optional().describe('IANA time zone of the created/closed days; default UTC (a report drill-down passes its own)'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as CNY').optional(),
  lostReason: z.string().trim().min(1).max(1000).optional().describe('the note of a lost deal, exactly'),
  lostReasonId: id.optional().describe('deals lost for this reason'),
  campaignId: id.optional(),
  source: z.string().trim().min(1).max(100).optional().describe('the source of the lead the deal came from'),
  deleted: z.stringbool().optional(),
})
export type OpportunityListQuery = z.infer<typeof opportunityListQuerySchema>

export const boardQuerySchema = z.strictObject({
  ownerId: id.optional(),
  teamId: id.optional(),
  closeMonth: month.optional(),
  perStage: z.coerce.number().int().min(1).max(200).default(50),
})
export type BoardQuery = z.infer<typeof boardQuerySchema>

export const boardSchema = z
  .object({
    columns: z.array(
      z.object({
        stage: z.string(),
        count: z.number().int(),
        totals: z.array(z.object({ currency: z.string(), amount: z.string() })).describe('sum of amounts per currency'),
        items: z.array(opportunitySchema.omit({ lines: true })),
      }),
    ),
  })
  .meta({ id: 'PipelineBoard' })

export const historyEntrySchema = z
  .object({
    id,
    at: timestamp,
    actorId: id.nullable(),
    actorName: z.string().nullable(),
    field: z.enum(['stage', 'ownerId', 'amount', 'created']),
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .meta({ id: 'OpportunityHistoryEntry' })

export const historySchema = z.object({ items: z.array(historyEntrySchema) }).meta({ id: 'OpportunityHistory' })

export const assignSchema = z
  .strictObject({
    ids: z.array(id).min(1).max(500),
    ownerId: id,
  })
  .meta({ id: 'OpportunityAssign' })
export type Assign = z.infer<typeof assignSchema>

export const assignResultSchema = z.object({ items: z.array(opportunitySchema) }).meta({ id: 'OpportunityAssignResult' })
