import type { Generated } from 'kysely'

export interface ProductsTable {
  id: string
  sku: string
  name: string
  description: string | null
  /** numeric(18,2) as a decimal string. */
  unitPrice: string
  currency: string
  /** Percent, numeric(5,2): "13.00" = 13%. */
  taxRate: string
  active: boolean
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
  searchText: Generated<string>
}
