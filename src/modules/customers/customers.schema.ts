import { z } from 'zod'
import { matchedOnSchema } from '../../lib/duplicates'
import { phoneInput } from '../../lib/phone'
import { id, listQueryBase, optionalEmail, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'

export const CUSTOMER_TYPES = ['company', 'person'] as const
export const CUSTOMER_STATUSES = ['prospect', 'active', 'inactive'] as const
export const CUSTOMER_SORTS = ['name', 'createdAt', 'updatedAt'] as const

/** Phone as typed, checked against the default region with the rest of the body; the service stores E.164. */
const phone = phoneInput(40)

const website = z
  .string()
  .trim()
  .max(500)
  .transform((s) => (s === '' ? null : /^https?:\/\//i.test(s) ? s : `https://${s}`))
  .pipe(z.url({ protocol: /^https?$/, message: 'Invalid web address' }).nullable())
  .nullable()
  .optional()

export const addressSchema = z
  .strictObject({
    country: optionalText(100),
    region: optionalText(100),
    city: optionalText(100),
    street: optionalText(300),
    postalCode: optionalText(20),
  })
  .meta({ id: 'Address' })

const tags = z
  .array(z.string().trim().min(1).max(50))
  .max(50)
  .transform((t) => [...new Set(t)])

export const customerSchema = z
  .object({
    ...recordMeta,
    type: z.enum(CUSTOMER_TYPES),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164'),
    company: z.string().nullable(),
    website: z.string().nullable(),
    industry: z.string().nullable(),
    address: z
      .object({
        country: z.string().nullable().optional(),
        region: z.string().nullable().optional(),
        city: z.string().nullable().optional(),
        street: z.string().nullable().optional(),
        postalCode: z.string().nullable().optional(),
      })
      .nullable(),
    tags: z.array(z.string()),
    status: z.enum(CUSTOMER_STATUSES),
    source: z.string().nullable(),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    teamId: id.nullable(),
    description: z.string().nullable(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Customer' })
export type Customer = z.infer<typeof customerSchema>

const writable = {
  type: z.enum(CUSTOMER_TYPES).optional(),
  name: requiredText(200),
  email: optionalEmail,
  phone,
  company: optionalText(200),
  website,
  industry: optionalText(100),
  address: addressSchema.nullable().optional(),
  tags: tags.optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  source: optionalText(100),
  ownerId: id.nullable().optional(),
  description: optionalText(10000),
}

export const customerCreateSchema = z.strictObject(writable).meta({ id: 'CustomerCreate' })
export type CustomerCreate = z.infer<typeof customerCreateSchema>

export const customerUpdateSchema = z
  .strictObject({ ...writable, name: writable.name.optional(), version })
  .meta({ id: 'CustomerUpdate' })
export type CustomerUpdate = z.infer<typeof customerUpdateSchema>

export const customerListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(30).optional().describe('name, createdAt, updatedAt; prefix - for descending. Default -createdAt, or relevance with q'),
  ownerId: id.optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  type: z.enum(CUSTOMER_TYPES).optional(),
  tag: z.string().trim().max(50).optional(),
  industry: z.string().trim().max(100).optional(),
  deleted: z.stringbool().optional().describe('true lists the recently deleted (restorable) customers'),
})
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>

export const deleteQuerySchema = z.strictObject({ purge: z.stringbool().optional() })

/** The fields a merge lets the user take from either side (tags are always united). */
export const MERGE_FIELDS = ['type', 'name', 'email', 'phone', 'company', 'website', 'industry', 'address', 'status', 'source', 'ownerId', 'description'] as const
export type MergeField = (typeof MERGE_FIELDS)[number]
const side = z.enum(['target', 'source'])
const mergeFieldsSchema = z
  .strictObject({
    type: side, name: side, email: side, phone: side, company: side, website: side, industry: side,
    address: side, status: side, source: side, ownerId: side, description: side,
  } satisfies Record<MergeField, typeof side>)
  .partial()
  .describe('Per field, which side\'s value the merged customer keeps; a field left out keeps the target\'s, or the source\'s where the target\'s is blank')

export const mergeSchema = z
  .strictObject({
    sourceId: id,
    fields: mergeFieldsSchema.optional(),
    version: version.optional().describe('The target\'s version the choices were made on: 409 if it changed since'),
    sourceVersion: version.optional().describe('The source\'s version the choices were made on: 409 if it changed since'),
  })
  .meta({ id: 'CustomerMerge' })
export type CustomerMerge = z.infer<typeof mergeSchema>

/** `GET /customers/duplicates`: what a create or edit form holds, checked before saving. */
export const customerDuplicateQuerySchema = z.strictObject({
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional().describe('As typed; parsed with the default region (a half-typed number matches nothing)'),
  excludeId: id.optional().describe('The customer being edited, left out of the answer'),
})
export type CustomerDuplicateQuery = z.infer<typeof customerDuplicateQuerySchema>

/** A possible duplicate with enough to tell same-named customers apart. */
export const customerCandidateSchema = z
  .object({
    id,
    type: z.enum(CUSTOMER_TYPES),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    city: z.string().nullable(),
    status: z.enum(CUSTOMER_STATUSES),
    ownerId: id.nullable(),
    ownerName: z.string().nullable(),
    createdAt: timestamp,
    related: z.record(z.string(), z.number().int()).describe('Live records hanging off it: contacts, opportunities'),
    matchedOn: matchedOnSchema,
  })
  .meta({ id: 'CustomerDuplicate' })
export type CustomerCandidate = z.infer<typeof customerCandidateSchema>

export const customerDuplicatesSchema = z.object({ items: z.array(customerCandidateSchema) }).meta({ id: 'CustomerDuplicates' })
/** `GET /customers/{id}/duplicates`: the record itself (summarised alike) and its likely duplicates. */
export const customerMergeCandidatesSchema = z
  .object({ record: customerCandidateSchema, items: z.array(customerCandidateSchema) })
  .meta({ id: 'CustomerMergeCandidates' })
