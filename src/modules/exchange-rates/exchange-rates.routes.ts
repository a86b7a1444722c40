import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { ExchangeRateService } from './exchange-rates.service'
import {
  exchangeRateCreateSchema, exchangeRateDeleteQuery, exchangeRateIdParams, exchangeRateImportResultSchema, exchangeRateImportSchema,
  exchangeRateListQuery, exchangeRateListSchema, exchangeRateSchema, exchangeRateUpdateSchema,
} from './exchange-rates.schema'

export function exchangeRateRoutes(app: App, { exchangeRates: rates }: { exchangeRates: ExchangeRateService }) {
  const tags = ['settings']
  app.get('/settings/exchange-rates', {
    schema: { tags, summary: 'Exchange rates into the company currency, newest first per currency (any signed-in user)', querystring: exchangeRateListQuery, response: { 200: exchangeRateListSchema } },
  }, (req) => rates.list(ctxOf(req), req.query))

  app.post('/settings/exchange-rates', {
    schema: { tags, summary: 'Add a rate (admin): one unit of currency = rate units of the company currency from effectiveDate on', body: exchangeRateCreateSchema, response: { 201: exchangeRateSchema } },
  }, async (req, reply) => reply.status(201).send(await rates.create(ctxOf(req), req.body)))

  app.post('/settings/exchange-rates/import', {
    schema: { tags, summary: 'Add or change rates from CSV lines date,currency,rate (admin); all or nothing', body: exchangeRateImportSchema, response: { 200: exchangeRateImportResultSchema } },
  }, (req) => rates.importCsv(ctxOf(req), req.body.csv))

  app.patch('/settings/exchange-rates/:id', {
    schema: { tags, summary: 'Change a rate (admin); a stale version gets 409 with the current rate', params: exchangeRateIdParams, body: exchangeRateUpdateSchema, response: { 200: exchangeRateSchema } },
  }, (req) => rates.update(ctxOf(req), req.params.id, req.body))

  app.delete('/settings/exchange-rates/:id', {
    schema: { tags, summary: 'Delete a rate (admin); with ?version=, a stale one gets 409', params: exchangeRateIdParams, querystring: exchangeRateDeleteQuery, response: { 204: z.null() } },
  }, async (req, reply) => {
    await rates.remove(ctxOf(req), req.params.id, req.query.version)
    return reply.status(204).send(null)
  })
}
