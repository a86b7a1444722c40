import type { z } from 'zod'
import type { Order, OrderListQuery, orderLineSchema, orderUpdateSchema } from '@server/modules/orders/orders.schema'

export type { Order }
export type OrderStatus = Order['status']
export type OrderLine = z.infer<typeof orderLineSchema>
export type OrderPatch = z.input<typeof orderUpdateSchema>
export type OrderListParams = Partial<OrderListQuery>

export const ORDER_STATUS_COLORS = { pending: 'gold', confirmed: 'blue', shipped: 'cyan', delivered: 'green', cancelled: 'default' } as const satisfies Record<OrderStatus, string>
export const ORDER_STATUSES = Object.keys(ORDER_STATUS_COLORS) as OrderStatus[]
/** The forward path; cancelled is off it. */
export const ORDER_FLOW = ['pending', 'confirmed', 'shipped', 'delivered'] as const satisfies readonly OrderStatus[]

/** The step after this one on the forward path, or null at its end (or when cancelled). */
export function nextStatus(s: OrderStatus): OrderStatus | null {
  const i = (ORDER_FLOW as readonly OrderStatus[]).indexOf(s)
  return i >= 0 && i < ORDER_FLOW.length - 1 ? ORDER_FLOW[i + 1] : null
}
export const canCancel = (s: OrderStatus) => s === 'pending' || s === 'confirmed'

export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (params: OrderListParams) => [...orderKeys.lists(), params] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
}
