import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, listQueryBase, pageOf } from '../../lib/schema'
import { auditEntrySchema } from '../audit/audit.schema'
import type { CustomerService } from './customers.service'
import {
  customerCreateSchema, customerDuplicateQuerySchema, customerDuplicatesSchema, customerListQuerySchema, customerMergeCandidatesSchema,
  customerSchema, customerUpdateSchema, deleteQuerySchema, mergeSchema,
} from './customers.schema'

export function customerRoutes(app: App, { customers }: { customers: CustomerService }) {
  const tags = ['customers']
  app.get('/customers', {
    schema: { tags, summary: 'List or search customers (keyset pagination)', querystring: customerListQuerySchema, response: { 200: pageOf(customerSchema) } },
  }, (req) => customers.list(ctxOf(req), req.query))

  app.post('/customers', { schema: { tags, body: customerCreateSchema, response: { 201: customerSchema } } }, async (req, reply) => {
    const customer = await customers.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/customers/${customer.id}`).send(customer)
  })

  app.get('/customers/duplicates', {
    schema: {
      tags,
      summary: 'Customers that look like what a form holds (same name, e-mail or phone), checked before saving; creating stays possible',
      querystring: customerDuplicateQuerySchema,
      response: { 200: customerDuplicatesSchema },
    },
  }, (req) => customers.checkDuplicates(ctxOf(req), req.query))

  app.get('/customers/:id/duplicates', {
    schema: { tags, summary: 'This customer and those that look like it (merge candidates), each with owner, city, created and related counts', params: idParams, response: { 200: customerMergeCandidatesSchema } },
  }, (req) => customers.mergeCandidates(ctxOf(req), req.params.id))

  app.get('/customers/:id', { schema: { tags, params: idParams, response: { 200: customerSchema } } }, (req) =>
    customers.get(ctxOf(req), req.params.id))

  app.patch('/customers/:id', {
    schema: { tags, summary: 'Update; a stale version gets 409 with the current record', params: idParams, body: customerUpdateSchema, response: { 200: customerSchema } },
  }, (req) => customers.update(ctxOf(req), req.params.id, req.body))

  app.delete('/customers/:id', {
    schema: { tags, summary: 'Soft delete; ?purge=true (admin) removes it for good', params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await customers.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })

  app.post('/customers/:id/restore', { schema: { tags, params: idParams, response: { 200: customerSchema } } }, (req) =>
    customers.restore(ctxOf(req), req.params.id))

  app.post('/customers/:id/merge', {
    schema: { tags, summary: 'Merge the duplicate sourceId into this customer, field by field as `fields` chooses', params: idParams, body: mergeSchema, response: { 200: customerSchema } },
  }, (req) => customers.merge(ctxOf(req), req.params.id, req.body))

  app.get('/customers/:id/history', {
    schema: { tags, summary: 'Audit trail of the customer, newest first', params: idParams, querystring: z.strictObject(listQueryBase), response: { 200: pageOf(auditEntrySchema) } },
  }, (req) => customers.history(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))
}
