import dayjs, { type Dayjs } from 'dayjs'
import { changedFields, emptyToNull } from '../../lib/forms'
import type { Opportunity, OpportunityChanges, OpportunityInput } from './types'

export interface OpportunityFormValues {
  name: string
  customerId?: string
  contactId?: string | null
  ownerId?: string | null
  stage?: string
  amount?: string | null
  currency: string
  probability?: number | null
  expectedCloseDate?: Dayjs | null
  lostReasonId?: string | null
  lostNote?: string | null
  campaignId?: string | null
}

export const newOpportunityValues = (ownerId: string, currency: string, customerId?: string): OpportunityFormValues => ({
  name: '',
  customerId,
  ownerId,
  currency,
  amount: null,
  expectedCloseDate: null,
})

export function toFormValues(o: Opportunity): OpportunityFormValues {
  return {
    name: o.name,
    customerId: o.customerId,
    contactId: o.contactId,
    ownerId: o.ownerId,
    stage: o.stage,
    amount: o.amount,
    currency: o.currency,
    probability: o.probability,
    expectedCloseDate: o.expectedCloseDate ? dayjs(o.expectedCloseDate) : null,
    lostReasonId: o.lostReasonId,
    lostNote: o.lostNote,
    campaignId: o.campaignId,
  }
}

/**
 * Form values as the API takes them. With lines the amount is theirs (computed by the server),
 * so it is not sent; an empty probability lets the server take the stage's.
 */
export function toInput(v: OpportunityFormValues, hasLines: boolean): OpportunityInput {
  const clean = emptyToNull({ name: v.name, contactId: v.contactId, ownerId: v.ownerId, lostReasonId: v.lostReasonId, lostNote: v.lostNote }) as Record<string, unknown>
  const out: Record<string, unknown> = {
    ...clean,
    customerId: v.customerId,
    currency: v.currency,
    expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
    campaignId: v.campaignId ?? null,
  }
  if (v.stage) out.stage = v.stage
  if (v.probability !== null && v.probability !== undefined) out.probability = v.probability
  if (!hasLines) out.amount = v.amount ? String(v.amount) : '0'
  return out as OpportunityInput
}

/** Only what the user changed, for a PATCH. */
export function toChanges(original: Opportunity, v: OpportunityFormValues): OpportunityChanges {
  const hasLines = original.lines.length > 0
  const before = toInput(toFormValues(original), hasLines) as Record<string, unknown>
  return changedFields(before, toInput(v, hasLines) as Record<string, unknown>) as OpportunityChanges
}
