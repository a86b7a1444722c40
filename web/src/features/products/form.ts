import { changedFields } from '../../lib/forms'
import type { Product, ProductInput } from './types'

export interface ProductFormValues {
  sku: string
  name: string
  description?: string | null
  unitPrice: string | null
  currency: string
  taxRate: string | null
  active: boolean
}

export const newProductValues = (currency: string): ProductFormValues => ({ sku: '', name: '', description: '', unitPrice: null, currency, taxRate: '13', active: true })

export const toFormValues = (p: Product): ProductFormValues => ({
  sku: p.sku,
  name: p.name,
  description: p.description ?? '',
  unitPrice: p.unitPrice,
  currency: p.currency,
  taxRate: p.taxRate,
  active: p.active,
})

/** Numbers stay decimal strings; a blank description clears it. */
export function toInput(v: ProductFormValues): ProductInput {
  return {
    sku: v.sku.trim(),
    name: v.name.trim(),
    description: v.description?.trim() ? v.description.trim() : null,
    unitPrice: v.unitPrice === null || v.unitPrice === '' ? '0' : String(v.unitPrice),
    currency: v.currency,
    taxRate: v.taxRate === null || v.taxRate === '' ? '0' : String(v.taxRate),
    active: v.active,
  } as ProductInput
}

export const toChanges = (p: Product, v: ProductFormValues) =>
  changedFields(toInput(toFormValues(p)) as Record<string, unknown>, toInput(v) as Record<string, unknown>)
