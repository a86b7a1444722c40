import { z } from 'zod'
import formbody from '@fastify/formbody'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { AppError } from '../../server/errors'
import { idParams, listQueryBase, pageOf } from '../../lib/schema'
import { auditEntrySchema } from '../audit/audit.schema'
import { deleteQuerySchema } from '../customers/customers.schema'
import type { LeadService } from './leads.service'
import type { LeadRouting } from './leads.routing'
import type { createLeadConversion } from './leads.convert'
import {
  assignResultSchema, assignSchema, duplicateQuerySchema, duplicatesSchema, leadConversionSchema, leadConvertSchema,
  leadCreateSchema, leadListQuerySchema, leadRoutingSchema, leadRoutingUpdateSchema, leadSchema, leadUpdateSchema,
  publicLeadReceivedSchema, publicLeadSchema,
} from './leads.schema'

interface Deps {
  leads: LeadService
  leadRouting: LeadRouting
  leadConversion: ReturnType<typeof createLeadConversion>
}

/** Per client address: a website's form, not a bulk import. */
export const PUBLIC_LEAD_RATE_LIMIT = { max: 20, timeWindow: '1 minute' }

export function leadRoutes(app: App, { leads, leadRouting, leadConversion }: Deps) {
  const tags = ['leads']
  app.get('/leads', {
    schema: { tags, summary: 'List or search leads (keyset pagination)', querystring: leadListQuerySchema, response: { 200: pageOf(leadSchema) } },
  }, (req) => leads.list(ctxOf(req), req.query))

  app.post('/leads', { schema: { tags, body: leadCreateSchema, response: { 201: leadSchema } } }, async (req, reply) => {
    const lead = await leads.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/leads/${lead.id}`).send(lead)
  })

  app.get('/leads/duplicates', {
    schema: { tags, summary: 'Leads, customers and contacts with this e-mail, phone or company (check before creating)', querystring: duplicateQuerySchema, response: { 200: duplicatesSchema } },
  }, (req) => leads.checkDuplicates(ctxOf(req), req.query))

  app.post('/leads/assign', {
    schema: { tags, summary: 'Assign many leads to one owner (manager: his team; admin: anyone); all or nothing', body: assignSchema, response: { 200: assignResultSchema } },
  }, (req) => leads.assign(ctxOf(req), req.body))

  app.get('/leads/:id', { schema: { tags, params: idParams, response: { 200: leadSchema } } }, (req) => leads.get(ctxOf(req), req.params.id))

  app.patch('/leads/:id', {
    schema: { tags, summary: 'Update; stale version → 409 with current; a converted lead is read-only (409)', params: idParams, body: leadUpdateSchema, response: { 200: leadSchema } },
  }, (req) => leads.update(ctxOf(req), req.params.id, req.body))

  app.delete('/leads/:id', {
    schema: { tags, summary: 'Soft delete; ?purge=true (admin) removes it for good', params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await leads.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })

  app.post('/leads/:id/restore', { schema: { tags, params: idParams, response: { 200: leadSchema } } }, (req) => leads.restore(ctxOf(req), req.params.id))

  app.get('/leads/:id/duplicates', {
    schema: { tags, summary: 'Other leads, customers and contacts with the same e-mail, phone or company', params: idParams, response: { 200: duplicatesSchema } },
  }, (req) => leads.duplicates(ctxOf(req), req.params.id))

  app.post('/leads/:id/convert', {
    schema: { tags, summary: 'Convert into customer + contact (+ opportunity) in one transaction; twice → 409', params: idParams, body: leadConvertSchema, response: { 200: leadConversionSchema } },
  }, (req) => leadConversion(ctxOf(req), req.params.id, req.body))

  app.get('/leads/:id/history', {
    schema: { tags, summary: 'Audit trail of the lead, newest first', params: idParams, querystring: z.strictObject(listQueryBase), response: { 200: pageOf(auditEntrySchema) } },
  }, (req) => leads.history(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))

  app.get('/lead-routing', {
    schema: { tags, summary: 'The round-robin rule for new unowned leads (admin, manager)', response: { 200: leadRoutingSchema } },
  }, (req) => leadRouting.get(ctxOf(req)))

  app.put('/lead-routing', {
    schema: { tags, summary: 'Turn round-robin assignment of new unowned leads on or off (admin)', body: leadRoutingUpdateSchema, response: { 200: leadRoutingSchema } },
  }, (req) => leadRouting.put(ctxOf(req), req.body))

  app.register(publicLeadRoutes, { leads })
}

/**
 * application/x-www-form-urlencoded as browsers send it. Unlike a lenient parser, a percent-escape
 * that is not UTF-8 (`%FF`, an encoded surrogate) is refused rather than kept as literal text.
 */
function parseForm(body: string): Record<string, string | string[]> {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '))
    } catch {
      throw new AppError('BAD_REQUEST', 'The form contains an invalid percent-escape')
    }
  }
  const out: Record<string, string | string[]> = Object.create(null)
  for (const pair of body.split('&')) {
    if (pair === '') continue
    const i = pair.indexOf('=')
    const key = decode(i < 0 ? pair : pair.slice(0, i))
    const value = decode(i < 0 ? '' : pair.slice(i + 1))
    const prev = out[key]
    out[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value]
  }
  return out
}

// A form field can carry what strict JSON refuses (NUL, a lone surrogate, bytes that were not UTF-8).
const badText = (v: unknown) => typeof v === 'string' && (!v.isWellFormed() || v.includes('\u0000') || v.includes('\uFFFD'))

/**
 * The web-to-lead endpoint, in its own plugin context so that only it also accepts a plain HTML
 * form (application/x-www-form-urlencoded, through @fastify/formbody); every other route keeps the
 * strict JSON parser alone. Cross-origin calls are answered by server/public-cors.ts.
 */
async function publicLeadRoutes(app: App, { leads }: { leads: LeadService }) {
  await app.register(formbody, { bodyLimit: 64 * 1024, parser: parseForm })
  app.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object' && Object.values(req.body).some(badText)) {
      throw new AppError('BAD_REQUEST', 'A field contains an invalid character')
    }
  })
  app.post('/public/leads', {
    config: { public: true, rateLimit: PUBLIC_LEAD_RATE_LIMIT },
    schema: {
      tags: ['public'],
      summary: 'Web-to-lead form (no sign-in; JSON or form-urlencoded; website2 is a honeypot and must stay empty)',
      security: [],
      body: publicLeadSchema,
      response: { 201: publicLeadReceivedSchema },
    },
  }, async (req, reply) => {
    await leads.submitPublic(req.body, {
      requestId: req.id,
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 500),
      origin: (req.headers.origin ?? req.headers.referer)?.slice(0, 500),
    })
    return reply.status(201).send({ received: true })
  })
}
