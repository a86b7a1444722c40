import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, listQueryBase, pageOf } from '../../lib/schema'
import { auditEntrySchema } from '../audit/audit.schema'
import { deleteQuerySchema } from '../customers/customers.schema'
import type { TicketService } from './tickets.service'
import { page } from '../campaigns/campaigns.public'
import type { TicketAssignment } from './tickets.assign'
import type { TicketSla } from './tickets.sla'
import type { CompanyService } from '../company/company.service'
import { ticketSurveyRoutes } from './tickets.survey.routes'
import {
  publicTicketReceivedSchema, publicTicketSchema, ticketBreachCountsQuerySchema, ticketCommentCreateSchema, ticketCommentSchema,
  ticketCreateSchema, ticketEventSchema, ticketMailSchema, ticketListQuerySchema, ticketSchema, ticketUpdateSchema,
} from './tickets.schema'
import {
  assignmentRulesSchema, assignmentRulesUpdateSchema, breachCountsSchema, slaSettingsSchema, slaSettingsUpdateSchema,
} from './tickets.settings.schema'

interface Deps {
  tickets: TicketService
  ticketAssignment: TicketAssignment
  ticketSla: TicketSla
  company: CompanyService
}

/** Per client address: a customer writing in, not a bulk import. */
export const PUBLIC_TICKET_RATE_LIMIT = { max: 20, timeWindow: '1 minute' }

const pageQuery = z.strictObject(listQueryBase)

export function ticketRoutes(app: App, { tickets, ticketAssignment, ticketSla, company }: Deps) {
  const brandOf = async () => {
    const p = await company.get(null)
    return { brand: { name: p.name, logo: p.logo } }
  }
  const tags = ['tickets']
  app.get('/tickets', {
    schema: { tags, summary: 'The support inbox: filter, search, sort by due time (keyset pagination)', querystring: ticketListQuerySchema, response: { 200: pageOf(ticketSchema) } },
  }, (req) => tickets.list(ctxOf(req), req.query))

  app.post('/tickets', {
    schema: { tags, summary: 'Record an inquiry, complaint or after-sales request; without assigneeId the assignment rules choose', body: ticketCreateSchema, response: { 201: ticketSchema } },
  }, async (req, reply) => {
    const ticket = await tickets.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/tickets/${ticket.id}`).send(ticket)
  })

  app.get('/tickets/breach-counts', {
    schema: { tags, summary: 'SLA breaches by priority of the tickets created in [from, to] (for analytics)', querystring: ticketBreachCountsQuerySchema, response: { 200: breachCountsSchema } },
  }, (req) => ticketSla.breachCounts(ctxOf(req), req.query))

  app.get('/tickets/:id', { schema: { tags, params: idParams, response: { 200: ticketSchema } } }, (req) => tickets.get(ctxOf(req), req.params.id))

  app.patch('/tickets/:id', {
    schema: {
      tags,
      summary: 'Update, move through the workflow, assign, match to a customer, rate; stale version → 409 with current; a closed ticket → 409',
      params: idParams,
      body: ticketUpdateSchema,
      response: { 200: ticketSchema },
    },
  }, (req) => tickets.update(ctxOf(req), req.params.id, req.body))

  app.delete('/tickets/:id', {
    schema: { tags, summary: 'Soft delete (admin, manager); ?purge=true (admin) removes it for good', params: idParams, querystring: deleteQuerySchema, response: { 204: z.null() } },
  }, async (req, reply) => {
    await tickets.remove(ctxOf(req), req.params.id, req.query.purge ?? false)
    return reply.status(204).send(null)
  })

  app.post('/tickets/:id/restore', { schema: { tags, params: idParams, response: { 200: ticketSchema } } }, (req) => tickets.restore(ctxOf(req), req.params.id))

  app.get('/tickets/:id/comments', {
    schema: { tags, summary: 'Public replies and internal notes, oldest first', params: idParams, querystring: pageQuery, response: { 200: pageOf(ticketCommentSchema) } },
  }, (req) => tickets.comments(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))

  app.post('/tickets/:id/comments', {
    schema: { tags, summary: 'Reply to the customer, record his reply (fromCustomer) or add an internal note', params: idParams, body: ticketCommentCreateSchema, response: { 201: ticketCommentSchema } },
  }, async (req, reply) => reply.status(201).send(await tickets.comment(ctxOf(req), req.params.id, req.body)))

  app.get('/tickets/:id/mails', {
    schema: { tags, summary: 'The e-mails to the requester (acknowledgement, public replies, resolution with survey) and how each went', params: idParams, response: { 200: z.object({ items: z.array(ticketMailSchema) }) } },
  }, (req) => tickets.mails(ctxOf(req), req.params.id))

  app.get('/tickets/:id/events', {
    schema: { tags, summary: 'The process log: status, assignment, priority, customer and rating changes, oldest first', params: idParams, querystring: pageQuery, response: { 200: pageOf(ticketEventSchema) } },
  }, (req) => tickets.events(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))

  app.get('/tickets/:id/history', {
    schema: { tags, summary: 'Audit trail of the ticket, newest first', params: idParams, querystring: pageQuery, response: { 200: pageOf(auditEntrySchema) } },
  }, (req) => tickets.history(ctxOf(req), req.params.id, req.query.limit, req.query.cursor))

  app.get('/ticket-sla', {
    schema: { tags, summary: 'SLA targets per priority, business hours and the "breaching soon" window', response: { 200: slaSettingsSchema } },
  }, (req) => ticketSla.get(ctxOf(req)))

  app.put('/ticket-sla', {
    schema: { tags, summary: 'Set the SLA (admin); applies to tickets created or re-prioritised from now on', body: slaSettingsUpdateSchema, response: { 200: slaSettingsSchema } },
  }, (req) => ticketSla.put(ctxOf(req), req.body))

  app.get('/ticket-assignment-rules', {
    schema: { tags, summary: 'Automatic assignment rules in order (admin, manager)', response: { 200: assignmentRulesSchema } },
  }, (req) => ticketAssignment.listRules(ctxOf(req)))

  app.put('/ticket-assignment-rules', {
    schema: { tags, summary: 'Replace the ordered rules (admin): the first active rule matching type, priority and customer team deals the ticket to its pool', body: assignmentRulesUpdateSchema, response: { 200: assignmentRulesSchema } },
  }, (req) => ticketAssignment.putRules(ctxOf(req), req.body.items))

  // A page with a button, not a confirming GET: mail scanners follow links, and must not confirm for the owner.
  const confirmParams = z.strictObject({ token: z.string().max(200) })
  const gone = '<h1>链接无效或已使用</h1><p class="en">This link is not valid, or was already used.</p>'
  app.get('/public/tickets/confirm/:token', {
    config: { public: true, rateLimit: PUBLIC_TICKET_RATE_LIMIT },
    schema: { tags: ['public'], summary: 'Confirm the e-mail address given on the service form (bilingual page; the button posts to the same URL)', security: [], params: confirmParams },
  }, async (_req, reply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page('确认邮箱 Confirm your e-mail',
    '<h1>确认邮箱 Confirm your e-mail</h1><p>确认这是您的邮箱地址，您的服务请求将关联到您的客户档案。</p><p class="en">Confirm this is your address, and your request is linked to your customer record.</p><form method="post"><button type="submit">确认 Confirm</button></form>', await brandOf())))
  app.post('/public/tickets/confirm/:token', {
    config: { public: true, rateLimit: PUBLIC_TICKET_RATE_LIMIT },
    schema: { tags: ['public'], summary: 'Confirm the e-mail address given on the service form: the ticket stops being flagged unverified (audited)', security: [], params: confirmParams },
  }, async (req, reply) => {
    const done = await tickets.confirmRequester(req.params.token, { requestId: req.id, ip: req.ip })
    if (!done) return reply.status(404).type('text/html; charset=utf-8').send(page('链接无效 Invalid link', gone, await brandOf()))
    return reply.type('text/html; charset=utf-8').send(page('已确认 Confirmed', `<h1>邮箱已确认</h1><p>服务请求 ${done.number} 已关联到您的邮箱。</p><p class="en">Thank you: request ${done.number} is confirmed as yours.</p>`, await brandOf()))
  })

  app.register(ticketSurveyRoutes, { tickets, company })

  app.post('/public/tickets', {
    config: { public: true, rateLimit: PUBLIC_TICKET_RATE_LIMIT },
    schema: {
      tags: ['public'],
      summary: 'Customer service form (no sign-in; website2 is a honeypot and must stay empty) → the ticket number',
      security: [],
      body: publicTicketSchema,
      response: { 201: publicTicketReceivedSchema },
    },
  }, async (req, reply) => {
    const received = await tickets.submitPublic(req.body, {
      requestId: req.id,
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 500),
      origin: (req.headers.origin ?? req.headers.referer)?.slice(0, 500),
    })
    return reply.status(201).send(received)
  })
}
