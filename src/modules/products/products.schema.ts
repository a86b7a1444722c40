import { z } from 'zod'
import { id, listQueryBase, optionalText, recordMeta, requiredText, timestamp, version } from '../../lib/schema'
import { currencySchema, moneyInput, percentInput } from '../../lib/money'

export const PRODUCT_SORTS = ['name', 'sku', 'createdAt', 'updatedAt', 'unitPrice'] as const

export const productSchema = z
  .object({
    ...recordMeta,
    sku: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    unitPrice: z.string().describe('decimal string in the currency'),
    currency: z.string(),
    taxRate: z.string().describe('percent: "13" = 13%'),
    active: z.boolean(),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Product' })
export type Product = z.infer<typeof productSchema>

const sku = z.string().trim().min(1, 'Required').max(64).regex(/^[^\s].*$/, 'Required')

const writable = {
  sku,
  name: requiredText(200),
  description: optionalText(4000),
  unitPrice: moneyInput.optional().describe('Default 0'),
  currency: currencySchema.optional().describe("Default: the company's currency (settings/company)"),
  taxRate: percentInput.optional().describe('Percent, default 0'),
  active: z.boolean().optional().describe('Default true; inactive products are not offered for new lines'),
}

export const productCreateSchema = z.strictObject(writable).meta({ id: 'ProductCreate' })
export type ProductCreate = z.infer<typeof productCreateSchema>

export const productUpdateSchema = z
  .strictObject({ ...writable, sku: sku.optional(), name: writable.name.optional(), version })
  .meta({ id: 'ProductUpdate' })
export type ProductUpdate = z.infer<typeof productUpdateSchema>

export const productListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional().describe('matches SKU and name (typo-tolerant)'),
  sort: z.string().max(30).optional().describe(`${PRODUCT_SORTS.join(', ')}; - for descending`),
  active: z.stringbool().optional(),
  currency: currencySchema.optional(),
  deleted: z.stringbool().optional(),
})
export type ProductListQuery = z.infer<typeof productListQuerySchema>
