import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { OrderService } from './orders.service'
import { orderListQuerySchema, orderSchema, orderUpdateSchema } from './orders.schema'

export function orderRoutes(app: App, { orders }: { orders: OrderService }) {
  const tags = ['orders']
  app.get('/orders', {
    schema: { tags, summary: 'List orders (keyset pagination); customerId for a customer page', querystring: orderListQuerySchema, response: { 200: pageOf(orderSchema) } },
  }, (req) => orders.list(ctxOf(req), req.query))

  app.get('/orders/:id', { schema: { tags, params: idParams, response: { 200: orderSchema } } }, (req) => orders.get(ctxOf(req), req.params.id))

  app.patch('/orders/:id', {
    schema: { tags, summary: 'Move along pending → confirmed → shipped → delivered, or cancel; ship date; notes', params: idParams, body: orderUpdateSchema, response: { 200: orderSchema } },
  }, (req) => orders.update(ctxOf(req), req.params.id, req.body))
}
