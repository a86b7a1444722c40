import dayjs, { type Dayjs } from 'dayjs'
import { changedFields, emptyToNull } from '../../lib/forms'
import type { Campaign, CampaignChanges, CampaignInput, CampaignStatus, CampaignType } from './types'

/** The details tab (everything but the e-mail, which has its own editor). */
export interface CampaignFormValues {
  name: string
  type: CampaignType
  status: CampaignStatus
  dates?: [Dayjs | null, Dayjs | null] | null
  budget?: string | null
  actualCost?: string | null
  currency: string
  ownerId?: string | null
  mailingListId?: string | null
  messagesPerMinute?: number | null
  description?: string | null
}

export const newCampaignValues = (ownerId: string, currency: string): CampaignFormValues => ({ name: '', type: 'email', status: 'planned', currency, ownerId, dates: null })

export function toFormValues(c: Campaign): CampaignFormValues {
  return {
    name: c.name,
    type: c.type,
    status: c.status,
    dates: c.startDate || c.endDate ? [c.startDate ? dayjs(c.startDate) : null, c.endDate ? dayjs(c.endDate) : null] : null,
    budget: c.budget,
    actualCost: c.actualCost,
    currency: c.currency,
    ownerId: c.ownerId,
    mailingListId: c.mailingListId,
    messagesPerMinute: c.messagesPerMinute,
    description: c.description,
  }
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null)
// InputNumber in stringMode may give "1200" or "1200.5": the server takes any decimal string.
const money = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? null : String(v))

export function toInput(v: CampaignFormValues): CampaignInput {
  const clean = emptyToNull({ name: v.name, description: v.description }) as { name: string; description: string | null }
  return {
    ...clean,
    type: v.type,
    status: v.status,
    startDate: day(v.dates?.[0]),
    endDate: day(v.dates?.[1]),
    budget: money(v.budget),
    actualCost: money(v.actualCost),
    currency: v.currency,
    ownerId: v.ownerId ?? null,
    mailingListId: v.mailingListId ?? null,
    messagesPerMinute: v.messagesPerMinute ?? null,
  }
}

export function toChanges(original: Campaign, v: CampaignFormValues): CampaignChanges {
  return changedFields(toInput(toFormValues(original)) as unknown as Record<string, unknown>, toInput(v) as unknown as Record<string, unknown>) as CampaignChanges
}

/** Server field paths → this form's field names (the two dates share one range picker). */
export function formPathOf(path: string): string {
  return path === 'startDate' || path === 'endDate' ? 'dates' : path
}
