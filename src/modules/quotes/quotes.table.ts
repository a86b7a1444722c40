import type { Generated } from 'kysely'

export interface DocumentCountersTable {
  kind: string
  year: number
  last: number
}

export interface QuotesTable {
  id: string
  number: string
  revision: number
  isLatest: boolean
  opportunityId: string
  customerId: string
  contactId: string | null
  ownerId: string | null
  teamId: string | null
  /** Stored status; a draft or sent quote past validUntil reads as `expired`. */
  status: 'draft' | 'sent' | 'accepted' | 'rejected'
  currency: string
  language: 'zh-CN' | 'en'
  /** YYYY-MM-DD. */
  validUntil: string
  notes: string | null
  subtotal: string
  discountTotal: string
  taxTotal: string
  total: string
  sentAt: Date | null
  sentTo: string | null
  acceptedAt: Date | null
  rejectedAt: Date | null
  rejectReason: string | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
  searchText: Generated<string>
}

/** Lines of quotes and of orders have the same shape (an order copies its quote's). */
export interface DocumentLineColumns {
  id: string
  position: number
  productId: string | null
  sku: string | null
  description: string
  quantity: string
  unitPrice: string
  discountPercent: string
  taxRate: string
  /** Net of discount, before tax, rounded on its own (display only; totals come from exact sums). */
  amount: string
  taxAmount: string
}

export interface QuoteLinesTable extends DocumentLineColumns {
  quoteId: string
}

export interface QuoteSendsTable {
  id: string
  quoteId: string
  idempotencyKey: string | null
  messageId: string
  /** Comma-separated addresses as sent. */
  recipients: string
  subject: string
  message: string | null
  state: 'sending' | 'sent' | 'failed'
  attempts: Generated<number>
  lastError: string | null
  attemptedAt: Generated<Date>
  sentAt: Date | null
  createdAt: Generated<Date>
  createdBy: string | null
}
