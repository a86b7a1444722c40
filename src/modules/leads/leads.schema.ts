import { z } from 'zod'
import { phoneInput } from '../../lib/phone'
import { id, listQueryBase, optionalEmail, optionalText, recordMeta, requiredText, timeZone, timestamp, version } from '../../lib/schema'
import { currencySchema, moneyInput } from '../../lib/money'
import { customerSchema } from '../customers/customers.schema'
import { contactSchema } from '../contacts/contacts.schema'
import { opportunitySchema } from '../opportunities/opportunities.schema'

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'unqualified', 'converted'] as const
export const LEAD_SORTS = ['name', 'createdAt', 'updatedAt', 'score'] as const

export const leadSchema = z
  .object({
    ...recordMeta,
    name: z.string(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164'),
    source: z.string().nullable(),
    campaignId: id.nullable(),
    status: z.enum(LEAD_STATUSES),
    score: z.number().int(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    teamId: id.nullable(),
    description: z.string().nullable(),
    convertedAt: timestamp.nullable(),
    convertedCustomerId: id.nullable(),
    convertedContactId: id.nullable(),
    convertedOpportunityId: id.nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Lead' })
export type Lead = z.infer<typeof leadSchema>

const writable = {
  name: requiredText(200),
  company: optionalText(200),
  title: optionalText(200),
  email: optionalEmail,
  phone: phoneInput(40),
  source: optionalText(100),
  campaignId: id.nullable().optional(),
  status: z.enum(LEAD_STATUSES).exclude(['converted']).optional().describe('converted is set by POST /leads/{id}/convert'),
  score: z.number().int().min(0).max(100).optional(),
  ownerId: id.nullable().optional(),
  description: optionalText(10000),
}

export const leadCreateSchema = z.strictObject(writable).meta({ id: 'LeadCreate' })
export type LeadCreate = z.infer<typeof leadCreateSchema>

export const leadUpdateSchema = z
  .strictObject({ ...writable, name: writable.name.optional(), version })
  .meta({ id: 'LeadUpdate' })
export type LeadUpdate = z.infer<typeof leadUpdateSchema>

export const leadListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(30).optional().describe('name, createdAt, updatedAt, score; prefix - for descending. Default -createdAt'),
  status: z.enum(LEAD_STATUSES).optional(),
  ownerId: id.optional(),
  source: z.string().trim().max(100).optional(),
  campaignId: id.optional(),
  teamId: id.optional(),
  // A report's drill-down: its period, so the list holds the leads its row counted.
  createdFrom: z.iso.date().optional().describe('created on or after this day (in tz)'),
  createdTo: z.iso.date().optional().describe('created on or before this day (in tz)'),
  tz: timeZone.optional().describe('IANA time zone of the created days; default UTC (a report drill-down passes its own)'),
  deleted: z.stringbool().optional(),
})
export type LeadListQuery = z.infer<typeof leadListQuerySchema>

export const leadConvertSchema = z
  .strictObject({
    createOpportunity: z.boolean().default(true),
    customerId: id.optional().describe('Attach to this existing customer instead of creating one'),
    opportunityName: optionalText(200),
    amount: moneyInput.optional(),
    currency: currencySchema.optional(),
    expectedCloseDate: z.iso.date().optional(),
  })
  .meta({ id: 'LeadConvert' })
export type LeadConvert = z.infer<typeof leadConvertSchema>

export const leadConversionSchema = z
  .object({ lead: leadSchema, customer: customerSchema, contact: contactSchema, opportunity: opportunitySchema.nullable() })
  .meta({ id: 'LeadConversion' })

export const duplicateSchema = z
  .object({
    kind: z.enum(['lead', 'customer', 'contact']),
    id,
    name: z.string(),
    matchedOn: z.array(z.enum(['email', 'phone', 'company'])),
  })
  .meta({ id: 'Duplicate' })
export type Duplicate = z.infer<typeof duplicateSchema>

/** The web-to-lead form a website posts to; `website2` is a honeypot that must stay empty. */
export const publicLeadSchema = z
  .strictObject({
    name: requiredText(200),
    company: optionalText(200),
    email: optionalEmail,
    phone: phoneInput(40),
    message: optionalText(5000),
    source: optionalText(100),
    campaignId: id.optional(),
    website2: z.string().max(500).optional(),
  })
  .meta({ id: 'PublicLead' })
export type PublicLead = z.infer<typeof publicLeadSchema>

export const assignSchema = z
  .strictObject({ ids: z.array(id).min(1).max(500), ownerId: id })
  .meta({ id: 'BulkAssign' })

export const leadRoutingSchema = z
  .object({ enabled: z.boolean(), teamId: id.nullable().describe('New unowned leads are dealt round-robin to this team\'s active sales users') })
  .meta({ id: 'LeadRouting' })
export const leadRoutingUpdateSchema = z.strictObject({ enabled: z.boolean(), teamId: id.nullable() })

/** The public form's reply: the same whether the submission was stored or caught by the honeypot. */
export const publicLeadReceivedSchema = z.object({ received: z.literal(true) }).meta({ id: 'PublicLeadReceived' })

/** `GET /leads/duplicates`: check what a form holds before creating the lead. */
export const duplicateQuerySchema = z.strictObject({
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional(),
  company: z.string().trim().max(200).optional(),
})

export const duplicatesSchema = z.object({ items: z.array(duplicateSchema) })
export const assignResultSchema = z.object({ items: z.array(leadSchema) })
