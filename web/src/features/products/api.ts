import { api, type Page } from '../../lib/api'
import type { Product, ProductInput, ProductListParams, ProductPatch } from './types'

const path = (id: string) => `/products/${encodeURIComponent(id)}`

export const productsApi = {
  list: (params: ProductListParams, signal?: AbortSignal) => api.get<Page<Product>>('/products', params, signal),
  get: (id: string) => api.get<Product>(path(id)),
  create: (body: ProductInput) => api.post<Product>('/products', body),
  update: (id: string, body: ProductPatch) => api.patch<Product>(path(id), body),
  remove: (id: string) => api.delete(path(id)),
}
