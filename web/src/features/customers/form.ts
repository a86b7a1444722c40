import { emptyToNull, changedFields } from '../../lib/forms'
import { formatPhone } from '../../lib/phone'
import type { Customer, CustomerChanges, CustomerInput, CustomerStatus, CustomerType } from './types'

type Text = string | null | undefined

export interface CustomerFormValues {
  type: CustomerType
  name: string
  email?: Text
  phone?: Text
  company?: Text
  website?: Text
  industry?: Text
  status: CustomerStatus
  source?: Text
  ownerId?: string | null
  tags?: string[]
  description?: Text
  address?: { country?: Text; region?: Text; city?: Text; street?: Text; postalCode?: Text } | null
}

export const ADDRESS_FIELDS = ['country', 'region', 'city', 'street', 'postalCode'] as const

export const newCustomerValues = (ownerId: string): CustomerFormValues => ({
  type: 'company',
  name: '',
  status: 'prospect',
  ownerId,
  tags: [],
})

/** A stored customer as the form shows it (phone in the local format people type). */
export function toFormValues(c: Customer, defaultRegion: string): CustomerFormValues {
  return {
    type: c.type,
    name: c.name,
    email: c.email,
    phone: formatPhone(c.phone, defaultRegion) || null,
    company: c.company,
    website: c.website,
    industry: c.industry,
    status: c.status,
    source: c.source,
    ownerId: c.ownerId,
    tags: c.tags,
    description: c.description,
    address: { ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, c.address?.[f] ?? null])) },
  }
}

/** Form values as the API takes them: trimmed, '' → null, an all-empty address → null. */
export function toInput(values: CustomerFormValues): CustomerInput {
  const clean = emptyToNull({ ...values, tags: undefined, address: undefined }) as Record<string, unknown>
  const address = emptyToNull({ ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, values.address?.[f] ?? null])) })
  const hasAddress = Object.values(address).some((v) => v !== null)
  return { ...clean, tags: values.tags ?? [], address: hasAddress ? address : null } as CustomerInput
}

/** Only what the user changed, for a PATCH. */
export function toChanges(original: Customer, values: CustomerFormValues, defaultRegion: string): CustomerChanges {
  const before = toInput(toFormValues(original, defaultRegion)) as Record<string, unknown>
  return changedFields(before, toInput(values) as Record<string, unknown>) as CustomerChanges
}
