import { changedFields, emptyToNull } from '../../lib/forms'
import { formatPhone } from '../../lib/phone'
import type { Contact, ContactChanges, ContactInput } from './types'

type Text = string | null | undefined

export interface ContactFormValues {
  customerId?: string
  name: string
  title?: Text
  email?: Text
  phone?: Text
  isPrimary?: boolean
}

export function toFormValues(c: Contact, defaultRegion: string): ContactFormValues {
  return { customerId: c.customerId, name: c.name, title: c.title, email: c.email, phone: formatPhone(c.phone, defaultRegion) || null, isPrimary: c.isPrimary }
}

export function toInput(values: ContactFormValues): ContactInput {
  const clean = emptyToNull({ ...values, isPrimary: undefined }) as Record<string, unknown>
  return { ...clean, isPrimary: Boolean(values.isPrimary) } as ContactInput
}

export function toChanges(original: Contact, values: ContactFormValues, defaultRegion: string): ContactChanges {
  const before = toInput(toFormValues(original, defaultRegion)) as Record<string, unknown>
  return changedFields(before, toInput(values) as Record<string, unknown>) as ContactChanges
}
