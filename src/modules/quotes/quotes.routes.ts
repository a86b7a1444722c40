import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import { orderSchema } from '../orders/orders.schema'
import type { QuoteService } from './quotes.service'
import type { createQuoteAcceptance } from './quotes.accept'
import type { createQuoteSending } from './quotes.send'
import { displayNumber } from './quotes.model'
import { quoteGenerateSchema, quoteListQuerySchema, quoteRejectSchema, quoteSchema, quoteSendSchema, quoteUpdateSchema } from './quotes.schema'

interface Deps {
  quotes: QuoteService
  quoteAcceptance: ReturnType<typeof createQuoteAcceptance>
  quoteSending: ReturnType<typeof createQuoteSending>
}

const sendHeaders = z.object({
  'idempotency-key': z.string().trim().min(1).max(200).optional().describe('repeat a send safely: the same key never mails twice'),
})

export function quoteRoutes(app: App, { quotes, quoteAcceptance, quoteSending }: Deps) {
  const tags = ['quotes']
  app.get('/quotes', {
    schema: { tags, summary: 'List quotes (latest revisions unless number is given; keyset pagination)', querystring: quoteListQuerySchema, response: { 200: pageOf(quoteSchema) } },
  }, (req) => quotes.list(ctxOf(req), req.query))

  app.post('/opportunities/:id/quotes', {
    schema: { tags, summary: "Generate a draft quote from a deal: its lines, customer, contact and currency", params: idParams, body: quoteGenerateSchema.optional(), response: { 201: quoteSchema } },
  }, async (req, reply) => {
    const quote = await quotes.generate(ctxOf(req), req.params.id, req.body ?? {})
    return reply.status(201).header('Location', `/api/v1/quotes/${quote.id}`).send(quote)
  })

  app.get('/quotes/:id', { schema: { tags, params: idParams, response: { 200: quoteSchema } } }, (req) => quotes.get(ctxOf(req), req.params.id))

  app.patch('/quotes/:id', {
    schema: { tags, summary: 'Edit a draft in place; editing a sent quote answers with its next revision (a new record)', params: idParams, body: quoteUpdateSchema, response: { 200: quoteSchema } },
  }, (req) => quotes.update(ctxOf(req), req.params.id, req.body))

  app.get('/quotes/:id/pdf', {
    schema: { tags, summary: 'The quote as a printable PDF in its language', params: idParams, produces: ['application/pdf'] },
  }, async (req, reply) => {
    const { quote, doc } = await quotes.pdf(ctxOf(req), req.params.id)
    const name = `${displayNumber(quote).replace(/\s+/g, '-')}.pdf`
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('Cache-Control', 'private, no-store')
      .send(doc)
  })

  app.post('/quotes/:id/send', {
    schema: {
      tags, summary: 'E-mail the quote with its PDF; the quote becomes sent and the deal gets an e-mail activity (503 without SMTP)',
      params: idParams, headers: sendHeaders, body: quoteSendSchema, response: { 200: quoteSchema },
    },
  }, (req) => quoteSending.send(ctxOf(req), req.params.id, req.body, req.headers['idempotency-key']))

  app.post('/quotes/:id/accept', {
    schema: { tags, summary: 'Accept the latest, unexpired revision: an order with the same lines; the deal is won (409 otherwise)', params: idParams, response: { 201: orderSchema } },
  }, async (req, reply) => {
    const order = await quoteAcceptance.accept(ctxOf(req), req.params.id)
    return reply.status(201).header('Location', `/api/v1/orders/${order.id}`).send(order)
  })

  app.post('/quotes/:id/reject', {
    schema: { tags, summary: 'The customer declined', params: idParams, body: quoteRejectSchema.optional(), response: { 200: quoteSchema } },
  }, (req) => quotes.reject(ctxOf(req), req.params.id, req.body ?? {}))
}
