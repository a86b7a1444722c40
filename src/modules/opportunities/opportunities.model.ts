import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { fieldError, validationError, type FieldError } from '../../server/errors'
import type { StageRow } from '../pipeline-stages/pipeline-stages.service'
import * as repo from './opportunities.repository'
import { moneyOut, plain } from './opportunities.money'
import type { Opportunity, OpportunityLineInput, OpportunityListQuery } from './opportunities.schema'

// Rows to API records, list sorts and the small rules of a deal: no I/O here.

/** A line as given or as stored: enough to price it again. */
export interface LineData {
  productId?: string | null
  description: string
  quantity: string
  unitPrice: string
  discountPercent: string
}

export const toOpportunityFields = (r: repo.OpportunityRow): Omit<Opportunity, 'lines'> => ({
  id: r.id,
  name: r.name,
  customerId: r.customerId,
  customerName: r.customerName,
  contactId: r.contactId,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  teamId: r.teamId,
  stage: r.stage,
  amount: moneyOut(r.amount, r.currency),
  currency: r.currency,
  probability: r.probability,
  expectedCloseDate: r.expectedCloseDate,
  lostReasonId: r.lostReasonId ?? null,
  lostNote: r.lostReason,
  lostReason: r.lostReason ?? ('lostReasonLabel' in r ? (r.lostReasonLabel as string | null) : null) ?? null,
  campaignId: r.campaignId,
  leadId: r.leadId,
  closedAt: r.closedAt ? iso(r.closedAt) : null,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  createdBy: r.createdBy,
  version: r.version,
  deletedAt: r.deletedAt ? iso(r.deletedAt) : null,
})

export const toOpportunity = (r: repo.OpportunityRow, lines: repo.LineRow[]): Opportunity => ({
  ...toOpportunityFields(r),
  lines: lines.map((l) => ({
    id: l.id,
    productId: l.productId,
    description: l.description,
    quantity: plain(l.quantity),
    unitPrice: l.unitPrice,
    discountPercent: plain(l.discountPercent),
    amount: moneyOut(l.amount, r.currency),
  })),
})

/** `YYYY-MM` as [first day, first day of the next month). */
export function monthRange(month: string | undefined): { from: string; to: string } | undefined {
  if (!month) return undefined
  const [y, m] = month.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`
  return { from: `${month}-01`, to: `${next}-01` }
}

/** The list's date and attribute filters (those a report drills down with) as the repository takes them. */
export function rangeFilters(query: OpportunityListQuery): Partial<repo.OpportunityFilter> {
  const tz = query.tz ?? 'UTC'
  return {
    closeMonth: monthRange(query.closeMonth),
    close: query.closeFrom || query.closeTo ? { from: query.closeFrom, to: query.closeTo } : undefined,
    noCloseDate: query.noCloseDate,
    created: query.createdFrom || query.createdTo ? { from: query.createdFrom, to: query.createdTo, tz } : undefined,
    closed: query.closedFrom || query.closedTo ? { from: query.closedFrom, to: query.closedTo, tz } : undefined,
    currency: query.currency,
    lostReason: query.lostReason,
    lostReasonId: query.lostReasonId,
    campaignId: query.campaignId,
    source: query.source,
  }
}

export const sortKeys = {
  name: { column: 'o.name', type: 'text' as const },
  createdAt: { column: 'o.created_at', type: 'timestamptz' as const },
  updatedAt: { column: 'o.updated_at', type: 'timestamptz' as const },
  expectedCloseDate: { column: repo.CLOSE_DATE_SORT, type: 'date' as const },
  amount: { column: 'o.amount', type: 'numeric' as const },
}
export const deletedSortKeys = { deletedAt: { column: 'o.deleted_at', type: 'timestamptz' as const } }

export const sortValue = (sort: string) => (r: repo.OpportunityRow): string => {
  switch (sort.replace(/^-/, '')) {
    case 'name': return r.name
    case 'updatedAt': return r.updatedAt.toISOString()
    case 'deletedAt': return r.deletedAt!.toISOString()
    case 'expectedCloseDate': return r.expectedCloseDate ?? '9999-12-31'
    case 'amount': return r.amount
    default: return r.createdAt.toISOString()
  }
}

/** What a line may name from the catalog; `deletedAt` set for a product no longer offered. */
export interface CatalogProduct {
  id: string
  name: string
  deletedAt: Date | null
}

/**
 * Lines as typed, checked against the catalog: a line naming a product takes its name when no
 * description is typed (a migration sends product lines without one). A deleted product may stay
 * on a line already on the deal (the client sends every line back), but no new line may name one.
 */
export function linesFromCatalog(inputs: OpportunityLineInput[], products: CatalogProduct[], kept: (string | null)[] = []): LineData[] {
  const byId = new Map(products.map((p) => [p.id, p]))
  const errors: FieldError[] = []
  const lines = inputs.map(({ description, ...l }, i): LineData => {
    const p = l.productId ? byId.get(l.productId) : undefined
    if (l.productId && (!p || (p.deletedAt && !kept.includes(l.productId)))) errors.push({ path: `lines.${i}.productId`, message: 'No such product' })
    else if (!description && !p) errors.push({ path: `lines.${i}.description`, message: 'Required: a description, or a productId to take the name from' })
    return { ...l, description: description ?? p?.name ?? '' }
  })
  if (errors.length) throw validationError(errors)
  return lines
}

/** Lines as the audit log keeps them: what was asked for, in a canonical form (so equal lines compare equal). */
export const auditLines = (lines: LineData[]) =>
  lines.map((l) => ({ productId: l.productId ?? null, description: l.description, quantity: plain(l.quantity), unitPrice: plain(l.unitPrice), discountPercent: plain(l.discountPercent) }))

export const lineRows = (opportunityId: string, lines: LineData[], amounts: string[]) =>
  lines.map((l, i) => ({
    id: newId(), opportunityId, position: i + 1, productId: l.productId ?? null, description: l.description,
    quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, amount: amounts[i]!,
  }))

/** What a write says about why a deal was lost (lostReason is the deprecated free text). */
export interface LostInput {
  lostReasonId?: string | null
  lostNote?: string | null
  lostReason?: string | null
}

/** A deal outside a lost stage has no lost reason: saying one is a 400. */
export function assertNoLostReason(kind: StageRow['kind'], input: LostInput): void {
  if (kind === 'lost') return
  const path = input.lostReasonId ? 'lostReasonId' : input.lostNote ? 'lostNote' : input.lostReason ? 'lostReason' : null
  if (path) throw fieldError(path, 'Only a deal in a lost stage has a lost reason')
}
