import type { z } from 'zod'
import type { Product, ProductListQuery, productCreateSchema, productUpdateSchema } from '@server/modules/products/products.schema'

export type { Product }
export type ProductInput = z.input<typeof productCreateSchema>
export type ProductPatch = z.input<typeof productUpdateSchema>
export type ProductListParams = Partial<ProductListQuery>

export const productKeys = {
  all: ['products'] as const,
  lists: () => [...productKeys.all, 'list'] as const,
  list: (params: ProductListParams) => [...productKeys.lists(), params] as const,
  detail: (id: string) => [...productKeys.all, 'detail', id] as const,
}
