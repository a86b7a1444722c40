import { changedFields, emptyToNull } from '../../lib/forms'
import { formatPhone } from '../../lib/phone'
import type { Lead, LeadChanges, LeadInput, LeadStatus } from './types'

type Text = string | null | undefined

export interface LeadFormValues {
  name: string
  company?: Text
  title?: Text
  email?: Text
  phone?: Text
  source?: Text
  status?: Exclude<LeadStatus, 'converted'>
  score?: number | null
  ownerId?: string | null
  campaignId?: string | null
  description?: Text
}

export const newLeadValues = (ownerId: string): LeadFormValues => ({ name: '', status: 'new', ownerId, score: 0 })

export function toFormValues(l: Lead, defaultRegion: string): LeadFormValues {
  return {
    name: l.name,
    company: l.company,
    title: l.title,
    email: l.email,
    phone: formatPhone(l.phone, defaultRegion) || null,
    source: l.source,
    status: l.status === 'converted' ? undefined : l.status,
    score: l.score,
    ownerId: l.ownerId,
    campaignId: l.campaignId,
    description: l.description,
  }
}

/** Trimmed, '' → null; a converted lead's status is not sent (it is not the form's to change). */
export function toInput(v: LeadFormValues): LeadInput {
  const clean = emptyToNull({ ...v, score: undefined, status: undefined }) as Record<string, unknown>
  delete clean.score
  delete clean.status
  return { ...clean, ...(v.status ? { status: v.status } : {}), score: v.score ?? 0 } as LeadInput
}

export function toChanges(original: Lead, v: LeadFormValues, defaultRegion: string): LeadChanges {
  const before = toInput(toFormValues(original, defaultRegion)) as Record<string, unknown>
  return changedFields(before, toInput(v) as Record<string, unknown>) as LeadChanges
}
