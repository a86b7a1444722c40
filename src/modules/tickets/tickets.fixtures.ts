import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'
import type { TicketPriority, TicketStatus, TicketType } from './tickets.table'

/** Test rows for tickets written straight to the database (times and states the API would take long to reach). */
let seq = 0
export async function insertTicket(
  db: Db,
  o: Partial<{
    type: TicketType; priority: TicketPriority; status: TicketStatus; subject: string; customerId: string | null; assigneeId: string | null
    createdAt: Date; firstResponseDueAt: Date | null; resolutionDueAt: Date | null; firstRespondedAt: Date | null; resolvedAt: Date | null
    resolution: string | null; deletedAt: Date | null
  }> = {},
) {
  seq++
  return db
    .insertInto('tickets')
    .values({
      id: newId(),
      number: `X-${Date.now().toString(36)}-${seq}`,
      type: o.type ?? 'inquiry',
      subject: o.subject ?? `Ticket ${seq}`,
      description: null,
      channel: 'phone',
      priority: o.priority ?? 'normal',
      status: o.status ?? 'new',
      customerId: o.customerId ?? null,
      contactId: null,
      orderId: null,
      productId: null,
      contactName: null,
      contactEmail: null,
      contactPhone: null,
      expectedResolution: null,
      resolution: o.resolution ?? null,
      satisfaction: null,
      satisfactionComment: null,
      satisfactionAt: null,
      language: null,
      assigneeId: o.assigneeId ?? null,
      firstResponseDueAt: o.firstResponseDueAt ?? null,
      resolutionDueAt: o.resolutionDueAt ?? null,
      firstRespondedAt: o.firstRespondedAt ?? null,
      resolvedAt: o.resolvedAt ?? null,
      closedAt: null,
      lastCustomerReplyAt: null,
      createdBy: null,
      deletedAt: o.deletedAt ?? null,
      ...(o.createdAt ? { createdAt: o.createdAt, updatedAt: o.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** An order of this customer and a product, for after-sales tickets. */
export async function insertOrderAndProduct(db: Db, customerId: string) {
  seq++
  const order = await db
    .insertInto('orders')
    .values({ id: newId(), number: `SO-T-${Date.now().toString(36)}-${seq}`, customerId, currency: 'CNY', createdBy: null } as never)
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow()
  const product = await db
    .insertInto('products')
    .values({ id: newId(), sku: `SKU-T-${Date.now().toString(36)}-${seq}`, name: '保温杯', createdBy: null } as never)
    .returning(['id'])
    .executeTakeFirstOrThrow()
  return { orderId: order.id, productId: product.id }
}
