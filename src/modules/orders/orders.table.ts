import type { Generated } from 'kysely'
import type { DocumentLineColumns } from '../quotes/quotes.table'

export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled'

export interface OrdersTable {
  id: string
  number: string
  quoteId: string | null
  opportunityId: string | null
  customerId: string
  contactId: string | null
  ownerId: string | null
  teamId: string | null
  status: OrderStatus
  currency: string
  subtotal: string
  discountTotal: string
  taxTotal: string
  total: string
  orderedAt: Generated<Date>
  /** YYYY-MM-DD. */
  shipDate: string | null
  deliveredAt: Date | null
  cancelledAt: Date | null
  notes: string | null
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
  deletedAt: Date | null
  searchText: Generated<string>
}

export interface OrderLinesTable extends DocumentLineColumns {
  orderId: string
}
