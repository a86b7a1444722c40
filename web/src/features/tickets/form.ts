import { emptyToNull } from '../../lib/forms'
import type { PublicTicketInput, TicketChannel, TicketInput, TicketPriority, TicketType } from './types'

type Text = string | null | undefined

export interface TicketFormValues {
  type: TicketType
  subject: string
  description?: Text
  channel: TicketChannel
  priority: TicketPriority
  /** Known customer, or an unknown caller described by name/e-mail/phone. */
  who: 'customer' | 'caller'
  customerId?: string | null
  contactId?: string | null
  orderId?: string | null
  productId?: string | null
  contactName?: Text
  contactEmail?: Text
  contactPhone?: Text
  expectedResolution?: Text
  /** undefined = let the assignment rules choose. */
  assigneeId?: string | null
}

export const newTicketValues = (customerId?: string): TicketFormValues => ({
  type: 'inquiry',
  subject: '',
  channel: 'phone',
  priority: 'normal',
  who: customerId ? 'customer' : 'caller',
  customerId: customerId ?? null,
})

/** Trimmed, '' → null; no assignee leaves the choice to the rules (the field is not sent). */
export function toInput(v: TicketFormValues): TicketInput {
  const { who, assigneeId, ...rest } = v
  const clean = emptyToNull(rest as Record<string, unknown>) as TicketInput
  if (who === 'caller') Object.assign(clean, { customerId: null, contactId: null, orderId: null, productId: null })
  if (v.type === 'inquiry') Object.assign(clean, { orderId: null, productId: null })
  if (v.type !== 'complaint' && !v.expectedResolution?.trim()) delete clean.expectedResolution
  return assigneeId ? { ...clean, assigneeId } : clean
}

export interface PublicFormValues {
  type: TicketType
  contactName: string
  contactEmail?: Text
  contactPhone?: Text
  subject: string
  description: string
  expectedResolution?: Text
  website2?: Text
}

/** Trimmed, blanks left out; the honeypot goes as typed (a bot's text makes the server drop it quietly). */
/** The form's language answers: the acknowledgement and later mails are written in it. */
export function toPublicInput(v: PublicFormValues, language?: string): PublicTicketInput {
  const trim = (s: Text) => (s?.trim() ? s.trim() : undefined)
  return {
    type: v.type,
    subject: v.subject.trim(),
    description: v.description.trim(),
    contactName: v.contactName.trim(),
    contactEmail: trim(v.contactEmail),
    contactPhone: trim(v.contactPhone),
    expectedResolution: v.type === 'complaint' ? trim(v.expectedResolution) : undefined,
    website2: v.website2 ?? '',
    ...(language === 'zh-CN' || language === 'en' ? { language } : {}),
  }
}
