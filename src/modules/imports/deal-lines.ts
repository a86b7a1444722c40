import Big from 'big.js'
import type { Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import { AppError } from '../../server/errors'
import { priceLines } from '../opportunities/opportunities.money'
import { deleteLinesOf, findProductsByKey, linesOfDeals, looseKey, type StoredLine } from './deal-lines.repository'
import * as repo from './imports.repository'
import type { Issue, PreparedRow } from './prepare'
import { keyOf, type Resolved } from './references'

/**
 * A deal file's product, quantity, unit price and discount columns become the deal's one line, and
 * its amount their total, as POST /opportunities prices them: the deal need not be PATCHed after.
 */
export const LINE_FIELDS = ['product', 'quantity', 'unitPrice', 'discountPercent'] as const

export interface ProductRef {
  id: string
  sku: string
  name: string
  unitPrice: string
  currency: string
}

/** A line as stored (the opportunity_lines row less its ids). */
export interface DealLine {
  productId: string
  description: string
  quantity: string
  unitPrice: string
  discountPercent: string
  amount: string
  /** The deal's currency was taken from the product (the file gave neither a currency nor a price). */
  currencyFromProduct?: string
  /** The currency the amount was rounded in (set when a row is read; stored lines have none). */
  pricedIn?: string
}

/** The value a cell names a product by, after the file's value mapping ("GTXPro" → "GTX Pro"). */
const productKey = (raw: unknown, valueMapping: Record<string, Record<string, string>> | undefined) => {
  const text = String(raw).trim()
  return keyOf(valueMapping?.product?.[text] ?? text)
}

/** The products a batch names, by SKU or name (exactly, else loosely): one query. */
export async function resolveProducts(
  exec: Executor, rows: PreparedRow[], valueMapping: Record<string, Record<string, string>> | undefined,
): Promise<Map<string, Resolved<ProductRef>>> {
  const raw = new Map<string, string>()
  for (const r of rows) if (r.values.product !== undefined) raw.set(productKey(r.values.product, valueMapping), String(r.values.product).trim())
  const keys = [...raw.keys()]
  const found = await findProductsByKey(exec, keys, [...new Set(keys.map(looseKey))])
  const out = new Map<string, Resolved<ProductRef>>()
  for (const key of keys) {
    const tiers = [
      found.filter((p) => p.sku.toLowerCase() === key),
      found.filter((p) => p.name.toLowerCase() === key),
      found.filter((p) => looseKey(p.sku) === looseKey(key) || looseKey(p.name) === looseKey(key)),
    ]
    const hits = tiers.find((t) => t.length > 0) ?? []
    const named = raw.get(key)
    out.set(key, hits.length === 1 ? { ok: true, value: hits[0]! }
      : hits.length === 0 ? { ok: false, message: `No product "${named}" (use its SKU or name, or map the value to one)` }
      : { ok: false, message: `${hits.length} products match "${named}" (${hits.map((h) => h.sku).join(', ')}): use the SKU` })
  }
  return out
}

/** Takes a row's line fields out of its values, so the deal's schema never sees them. */
export function splitLineValues(values: Record<string, unknown>): Record<string, unknown> {
  const line: Record<string, unknown> = {}
  for (const k of LINE_FIELDS) {
    if (k in values) line[k] = values[k]
    delete values[k]
  }
  return line
}

/**
 * Prices a row's line into `record`: the product's price unless the file gives one, in the deal's
 * currency (the row's, else the product's when priced from it, else `currency`: the company's).
 */
export function takeDealLine(
  values: Record<string, unknown>, record: Record<string, unknown>, products: Map<string, Resolved<ProductRef>>,
  valueMapping: Record<string, Record<string, string>> | undefined, errors: Issue[], currency: string,
): DealLine | undefined {
  const { product, quantity, unitPrice, discountPercent } = values as Record<(typeof LINE_FIELDS)[number], string | undefined>
  if (product === undefined) {
    if (quantity !== undefined || unitPrice !== undefined || discountPercent !== undefined) {
      errors.push({ path: 'product', message: 'A quantity, unit price or discount needs the product it is for' })
    }
    return undefined
  }
  const res = products.get(productKey(product, valueMapping))
  if (!res?.ok) {
    errors.push({ path: 'product', message: res?.message ?? `No product "${product}"` })
    return undefined
  }
  const p = res.value
  // A row with the deal's amount and no other line column (an export's close value beside the product
  // sold): one unit at that amount, so the deal keeps the value the file gives, in the deal's currency.
  const price = unitPrice ?? (quantity === undefined && discountPercent === undefined && record.amount !== undefined ? String(record.amount) : undefined)
  // The catalog's price is in the product's currency: a deal priced from it is in that currency too.
  const currencyFromProduct = price === undefined && record.currency === undefined ? p.currency : undefined
  if (currencyFromProduct) record.currency = currencyFromProduct
  if (price === undefined && record.currency !== p.currency) {
    errors.push({ path: 'unitPrice', message: `${p.name} is priced in ${p.currency} and the deal is in ${String(record.currency)}: give a unit price` })
    return undefined
  }
  const line = { quantity: quantity ?? '1', unitPrice: price ?? p.unitPrice, discountPercent: discountPercent ?? '0' }
  if (new Big(line.quantity).lte(0)) errors.push({ path: 'quantity', message: 'Must be more than 0' })
  if (new Big(line.discountPercent).lt(0) || new Big(line.discountPercent).gt(100)) errors.push({ path: 'discountPercent', message: 'Must be between 0 and 100' })
  if (errors.length) return undefined
  try {
    const pricedIn = String(record.currency ?? currency)
    const priced = priceLines([line], pricedIn)
    record.amount = priced.total
    return { productId: p.id, description: p.name, ...line, amount: priced.amounts[0]!, pricedIn, ...(currencyFromProduct ? { currencyFromProduct } : {}) }
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    errors.push({ path: 'amount', message: err.message })
    return undefined
  }
}

interface LinePlanned {
  outcome: string
  errors: Issue[]
  entityId?: string
  existing?: Record<string, any>
  record: Record<string, unknown>
  line?: DealLine
  /** An updated deal's lines before the import (undo puts them back). */
  linesBefore?: StoredLine[]
}

const same = (a: StoredLine[], b: DealLine) =>
  a.length === 1 && a[0]!.productId === b.productId && ['quantity', 'unitPrice', 'discountPercent'].every((k) => new Big((a[0] as any)[k]).eq((b as any)[k]))

/** An existing deal whose line the file changes is updated even when no column of its own changes. */
export async function compareDealLines(exec: Executor, planned: LinePlanned[]) {
  // An upsert's match (skip-duplicates leaves its match alone, line and all).
  const matched = planned.filter((p) => p.line && p.existing && (p.outcome === 'update' || p.outcome === 'unchanged'))
  if (matched.length === 0) return
  const stored = await linesOfDeals(exec, [...new Set(matched.map((p) => p.existing!.id as string))])
  for (const p of matched) {
    const from = p.line!.currencyFromProduct
    // An existing deal keeps its currency unless the file says otherwise.
    if (from && from !== p.existing!.currency) {
      p.outcome = 'invalid'
      p.errors.push({ path: 'unitPrice', message: `${p.line!.description} is priced in ${from} and the deal is in ${String(p.existing!.currency)}: give a unit price` })
      continue
    }
    // A row that names no currency leaves the deal in its own, and its line is priced in it (not in
    // the company's default the row was priced in: 10.50 must not become 11 on a USD deal in a JPY company).
    const dealCurrency = String(p.existing!.currency)
    if (p.line!.pricedIn && p.line!.pricedIn !== dealCurrency && !('currency' in p.record)) {
      const priced = priceLines([p.line!], dealCurrency)
      p.line = { ...p.line!, amount: priced.amounts[0]!, pricedIn: dealCurrency }
      if (new Big(priced.total).eq(String(p.existing!.amount))) delete p.record.amount
      else p.record.amount = priced.total
      if (p.outcome === 'update' && Object.keys(p.record).length === 0) p.outcome = 'unchanged'
    }
    const current = stored.filter((l) => l.opportunityId === p.existing!.id)
    if (same(current, p.line!)) continue
    p.outcome = 'update'
    p.entityId = p.existing!.id
    p.linesBefore = current
  }
}

const lineRow = (opportunityId: string, l: Omit<DealLine, 'productId'> & { productId: string | null }, position = 1) =>
  ({ id: newId(), opportunityId, position, productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, amount: l.amount })

/** The created deals' lines, and the updated deals' new line in place of their old ones. */
export async function writeDealLines(exec: Executor, planned: LinePlanned[]) {
  const created = planned.filter((p) => p.outcome === 'create' && p.line)
  const replaced = planned.filter((p) => p.outcome === 'update' && p.linesBefore)
  await deleteLinesOf(exec, replaced.map((p) => p.entityId!))
  await repo.insertSet(exec, 'opportunity_lines', [...created, ...replaced].map((p) => lineRow(p.entityId!, p.line!)))
}

/** Undo: an updated deal gets the lines it had back. */
export async function restoreDealLines(exec: Executor, opportunityId: string, lines: StoredLine[]) {
  await deleteLinesOf(exec, [opportunityId])
  await repo.insertSet(exec, 'opportunity_lines', lines.map((l) => lineRow(opportunityId, l, l.position)))
}

/** A line as the audit log shows it. */
export const auditLine = (l: DealLine) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent })
