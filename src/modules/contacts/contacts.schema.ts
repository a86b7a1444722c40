import { z } from 'zod'
import { matchedOnSchema } from '../../lib/duplicates'
import { phoneInput } from '../../lib/phone'
import { id, listQueryBase, optionalEmail, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'

export const CONTACT_SORTS = ['name', 'createdAt'] as const

export const contactSchema = z
  .object({
    ...recordMeta,
    customerId: id,
    customerName: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164'),
    isPrimary: z.boolean(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Contact' })
export type Contact = z.infer<typeof contactSchema>

const writable = {
  customerId: id,
  name: requiredText(200),
  title: optionalText(200),
  email: optionalEmail,
  phone: phoneInput(40),
  isPrimary: z.boolean().optional(),
}

export const contactCreateSchema = z.strictObject(writable).meta({ id: 'ContactCreate' })
export type ContactCreate = z.infer<typeof contactCreateSchema>

export const contactUpdateSchema = z
  .strictObject({ ...writable, customerId: id.optional(), name: writable.name.optional(), version })
  .meta({ id: 'ContactUpdate' })
export type ContactUpdate = z.infer<typeof contactUpdateSchema>

export const contactListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(30).optional().describe('name, createdAt; prefix - for descending'),
  customerId: id.optional(),
  deleted: z.stringbool().optional(),
})
export type ContactListQuery = z.infer<typeof contactListQuerySchema>

/** `GET /contacts/duplicates`: what a contact form holds, checked before saving. */
export const contactDuplicateQuerySchema = z.strictObject({
  name: z.string().trim().max(200).optional().describe('Matches a contact of the same name at customerId'),
  customerId: id.optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional().describe('As typed; parsed with the default region'),
  excludeId: id.optional().describe('The contact being edited, left out of the answer'),
})
export type ContactDuplicateQuery = z.infer<typeof contactDuplicateQuerySchema>

export const contactCandidateSchema = z
  .object({
    id,
    name: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    customerId: id,
    customerName: z.string(),
    createdAt: timestamp,
    matchedOn: matchedOnSchema,
  })
  .meta({ id: 'ContactDuplicate' })
export const contactDuplicatesSchema = z.object({ items: z.array(contactCandidateSchema) }).meta({ id: 'ContactDuplicates' })
