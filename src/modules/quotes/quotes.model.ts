import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { dayIn } from '../../lib/time-zone'
import { moneyOut, plain } from '../opportunities/opportunities.money'
import type { DocumentTotals } from './quotes.money'
import type * as repo from './quotes.repository'
import type { Quote } from './quotes.schema'
import type { DocumentLineColumns } from './quotes.table'

// Rows to API records and the small rules of a quote: no I/O here.

/** Today as YYYY-MM-DD on the company's calendar (companyZone): a quote is valid through its validUntil day there. */
export const today = (tz: string, now = new Date()) => dayIn(tz, now)

export const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The status a reader sees: a draft or sent quote whose validUntil has passed is expired. */
export const readStatus = (r: Pick<repo.QuoteRow, 'status' | 'validUntil'>, today: string): Quote['status'] =>
  (r.status === 'draft' || r.status === 'sent') && r.validUntil < today ? 'expired' : r.status

export const displayNumber = (q: Pick<Quote, 'number' | 'revision'>) => (q.revision > 1 ? `${q.number} rev ${q.revision}` : q.number)

export const formatNumber = (prefix: string, year: number, n: number) => `${prefix}-${year}-${String(n).padStart(4, '0')}`

const CJK = /[\u3400-\u9fff]/
const CHINESE_COUNTRIES = /^(cn|chn|china|中国|hk|hong kong|香港|tw|taiwan|台湾|mo|macau|澳门)$/i

/** Write to a customer in Chinese when his country is a Chinese-speaking one or his name is Chinese. */
export function customerLanguage(c: { name: string; address: unknown }): 'zh-CN' | 'en' {
  const country = (c.address as { country?: string | null } | null)?.country?.trim()
  if (country) return CHINESE_COUNTRIES.test(country) ? 'zh-CN' : 'en'
  return CJK.test(c.name) ? 'zh-CN' : 'en'
}

export interface LineSnapshot {
  productId: string | null
  sku: string | null
  description: string
  quantity: string
  unitPrice: string
  discountPercent: string
  taxRate: string
}

/** Line rows of a quote or order (without the parent id), priced. */
export const documentLines = (lines: LineSnapshot[], priced: DocumentTotals): Omit<DocumentLineColumns, never>[] =>
  lines.map((l, i) => ({
    id: newId(), position: i + 1, productId: l.productId, sku: l.sku, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice,
    discountPercent: l.discountPercent, taxRate: l.taxRate, amount: priced.lines[i]!.amount, taxAmount: priced.lines[i]!.taxAmount,
  }))

export const toLine = (l: DocumentLineColumns, currency: string) => ({
  id: l.id,
  productId: l.productId,
  sku: l.sku,
  description: l.description,
  quantity: plain(l.quantity),
  unitPrice: moneyOut(l.unitPrice, currency),
  discountPercent: plain(l.discountPercent),
  taxRate: plain(l.taxRate),
  amount: moneyOut(l.amount, currency),
  taxAmount: moneyOut(l.taxAmount, currency),
})

/** `today`: the company's calendar day (quotes.service todayHere), when a quote past its validUntil reads as expired. */
export const toQuote = (r: repo.QuoteRow, lines: repo.QuoteLineRow[], today: string): Quote => ({
  id: r.id,
  number: r.number,
  revision: r.revision,
  isLatest: r.isLatest,
  opportunityId: r.opportunityId,
  opportunityName: r.opportunityName,
  customerId: r.customerId,
  customerName: r.customerName,
  contactId: r.contactId,
  contactName: r.contactName,
  contactEmail: r.contactEmail,
  customerEmail: r.customerEmail,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  teamId: r.teamId,
  status: readStatus(r, today),
  currency: r.currency,
  language: r.language,
  validUntil: r.validUntil,
  notes: r.notes,
  lines: lines.map((l) => toLine(l, r.currency)),
  subtotal: moneyOut(r.subtotal, r.currency),
  discountTotal: moneyOut(r.discountTotal, r.currency),
  taxTotal: moneyOut(r.taxTotal, r.currency),
  total: moneyOut(r.total, r.currency),
  sentAt: r.sentAt ? iso(r.sentAt) : null,
  sentTo: r.sentTo,
  acceptedAt: r.acceptedAt ? iso(r.acceptedAt) : null,
  rejectedAt: r.rejectedAt ? iso(r.rejectedAt) : null,
  rejectReason: r.rejectReason,
  orderId: r.orderId,
  orderNumber: r.orderNumber,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

export const sortKeys = {
  createdAt: { column: 'q.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'q.updated_at', type: 'timestamptz' as const },
  number: { column: 'q.number', type: 'text' as const },
  revision: { column: 'q.revision', type: 'integer' as const },
  validUntil: { column: 'q.valid_until', type: 'date' as const },
  total: { column: 'q.total', type: 'numeric' as const },
}

export const sortValue = (sort: string) => (r: repo.QuoteRow): string => {
  switch (sort.replace(/^-/, '')) {
    case 'updatedAt': return r.updatedAt.toISOString()
    case 'number': return r.number
    case 'revision': return String(r.revision)
    case 'validUntil': return r.validUntil
    case 'total': return r.total
    default: return r.createdAt.toISOString()
  }
}
