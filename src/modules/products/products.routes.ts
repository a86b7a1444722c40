import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import { deleteQuerySchema } from '../customers/customers.schema'
import type { ProductService } from './products.service'
import { productCreateSchema, productListQuerySchema, productSchema, productUpdateSchema } from './products.schema'

export function productRoutes(app: App, { products }: { products: ProductService }) {
  const tags = ['products']
  app.get('/products', {
    schema: { tags, summary: 'The catalog (keyset pagination); q matches SKU and name', querystring: productListQuerySchema, response: { 200: pageOf(productSchema) } },
  }, (req) => products.list(ctxOf(req), req.query))

  app.post('/products', { schema: { tags, summary: 'Add a product (admin, manager)', body: productCreateSchema, response: { 201: productSchema } } }, async (req, reply) => {
    const product = await products.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/products/${product.id}`).send(product)
  })

  app.get('/products/:id', { schema: { tags, params: idParams, response: { 200: productSchema } } }, (req) => products.get(ctxOf(req), req.params.id))

  app.patch('/products/:id', {
    schema: { tags, summary: 'Update; quotes already made keep their snapshot', params: idParams, body: productUpdateSchema, response: { 200: productSchema } },
  }, (req) => products.update(ctxOf(req), req.params.id, req.body))

  app.delete('/products/:id', {
    schema: { tags, summary: 'Soft delete; ?purge=true (admin) removes it for good', params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await products.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })

  app.post('/products/:id/restore', { schema: { tags, params: idParams, response: { 200: productSchema } } }, (req) => products.restore(ctxOf(req), req.params.id))
}
