import { api, type Page } from '../../lib/api'
import type { Order, OrderListParams, OrderPatch } from './types'

const path = (id: string) => `/orders/${encodeURIComponent(id)}`

export const ordersApi = {
  list: (params: OrderListParams, signal?: AbortSignal) => api.get<Page<Order>>('/orders', params, signal),
  get: (id: string) => api.get<Order>(path(id)),
  update: (id: string, body: OrderPatch) => api.patch<Order>(path(id), body),
}
