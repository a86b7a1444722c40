import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import { deleteQuerySchema } from '../customers/customers.schema'
import type { ContactService } from './contacts.service'
import { contactCreateSchema, contactDuplicateQuerySchema, contactDuplicatesSchema, contactListQuerySchema, contactSchema, contactUpdateSchema } from './contacts.schema'

export function contactRoutes(app: App, { contacts }: { contacts: ContactService }) {
  const tags = ['contacts']
  app.get('/contacts', { schema: { tags, querystring: contactListQuerySchema, response: { 200: pageOf(contactSchema) } } }, (req) =>
    contacts.list(ctxOf(req), req.query))
  app.post('/contacts', { schema: { tags, body: contactCreateSchema, response: { 201: contactSchema } } }, async (req, reply) => {
    const contact = await contacts.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/contacts/${contact.id}`).send(contact)
  })
  app.get('/contacts/duplicates', {
    schema: {
      tags,
      summary: 'Contacts that look like what a form holds (same e-mail or phone, or same name at the customer), checked before saving',
      querystring: contactDuplicateQuerySchema,
      response: { 200: contactDuplicatesSchema },
    },
  }, (req) => contacts.checkDuplicates(ctxOf(req), req.query))
  app.get('/contacts/:id', { schema: { tags, params: idParams, response: { 200: contactSchema } } }, (req) =>
    contacts.get(ctxOf(req), req.params.id))
  app.patch('/contacts/:id', { schema: { tags, params: idParams, body: contactUpdateSchema, response: { 200: contactSchema } } }, (req) =>
    contacts.update(ctxOf(req), req.params.id, req.body))
  app.delete('/contacts/:id', { schema: { tags, params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } } }, async (req, reply) => {
    await contacts.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })
  app.post('/contacts/:id/restore', { schema: { tags, params: idParams, response: { 200: contactSchema } } }, (req) =>
    contacts.restore(ctxOf(req), req.params.id))
}
