import { z } from 'zod'
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

export const mergeSchema = z.strictObject({ sourceId: id }).meta({ id: 'CustomerMerge' })
