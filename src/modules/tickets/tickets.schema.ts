import { z } from 'zod'
import { phoneInput } from '../../lib/phone'
import { MAIL_LANGUAGES } from './tickets.mail-templates'
import { id, listQueryBase, optionalEmail, optionalText, recordMeta, requiredText, timeZone, timestamp, version } from '../../lib/schema'

export const TICKET_TYPES = ['inquiry', 'complaint', 'after_sales'] as const
export const TICKET_CHANNELS = ['phone', 'email', 'web', 'chat', 'in_person'] as const
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const
export const TICKET_SORTS = ['createdAt', 'updatedAt', 'dueAt', 'priority'] as const

export const ticketSchema = z
  .object({
    ...recordMeta,
    number: z.string().describe('T-000123'),
    type: z.enum(TICKET_TYPES),
    subject: z.string(),
    description: z.string().nullable(),
    channel: z.enum(TICKET_CHANNELS),
    priority: z.enum(TICKET_PRIORITIES),
    status: z.enum(TICKET_STATUSES),
    customerId: id.nullable(),
    customerName: z.string().nullable(),
    contactId: id.nullable(),
    contactName: z.string().nullable().describe('The caller as he gave his name; a linked contact may differ'),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable().describe('E.164'),
    requesterVerified: z.boolean().describe('false: the public form linked this ticket to a customer by an e-mail address whose owner has not confirmed it yet'),
    orderId: id.nullable(),
    productId: id.nullable(),
    expectedResolution: z.string().nullable().describe('What the customer asks for (期望解决方案)'),
    resolution: z.string().nullable().describe('处理结果; required to resolve or close'),
    satisfaction: z.number().int().min(1).max(5).nullable().describe("The customer's rating from the survey mailed with the resolution (read-only)"),
    satisfactionComment: z.string().nullable().describe("What the customer wrote with his rating (read-only)"),
    satisfactionAt: timestamp.nullable().describe('When the customer rated (last vote wins while the survey link is valid)'),
    language: z.enum(MAIL_LANGUAGES).nullable().describe("Language of the mail to the customer; null: the customer's, else the company's"),
    assigneeId: id.nullable(),
    assigneeName: z.string().nullable(),
    firstResponseDueAt: timestamp.nullable(),
    resolutionDueAt: timestamp.nullable(),
    firstRespondedAt: timestamp.nullable(),
    resolvedAt: timestamp.nullable(),
    closedAt: timestamp.nullable(),
    lastCustomerReplyAt: timestamp.nullable(),
    slaPausedAt: timestamp.nullable().describe('While pending (waiting on the customer): when the resolution clock stopped; on leaving pending the deadline moves on by the business time waited'),
    nextDueAt: timestamp.nullable().describe('The next SLA deadline while the ticket is worked'),
    firstResponseBreached: z.boolean().describe('Answered after, or still unanswered past, firstResponseDueAt'),
    resolutionBreached: z.boolean().describe('Resolved after, or still unresolved past, resolutionDueAt'),
    breachSoon: z.boolean().describe('Not breached yet, but the next deadline is within the SLA "soon" window'),
    deletedAt: timestamp.nullable(),
  })
  .meta({ id: 'Ticket' })
export type Ticket = z.infer<typeof ticketSchema>

const writable = {
  type: z.enum(TICKET_TYPES).optional(),
  subject: requiredText(300),
  description: optionalText(20000),
  channel: z.enum(TICKET_CHANNELS).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  customerId: id.nullable().optional(),
  contactId: id.nullable().optional(),
  orderId: id.nullable().optional(),
  productId: id.nullable().optional(),
  contactName: optionalText(200),
  contactEmail: optionalEmail,
  contactPhone: phoneInput(40),
  expectedResolution: optionalText(5000),
  language: z.enum(MAIL_LANGUAGES).nullable().optional().describe("Language of the mail to the customer (zh-CN, en); null: the customer's, else the company's"),
}

export const ticketCreateSchema = z
  .strictObject({
    ...writable,
    assigneeId: id.nullable().optional().describe('Omitted: the assignment rules choose; null: leave unassigned'),
  })
  .meta({ id: 'TicketCreate' })
export type TicketCreate = z.infer<typeof ticketCreateSchema>

export const ticketUpdateSchema = z
  .strictObject({
    ...writable,
    subject: writable.subject.optional(),
    status: z.enum(TICKET_STATUSES).optional().describe('new → open → pending → resolved → closed; resolved/closed → open reopens'),
    resolution: optionalText(20000),
    satisfaction: z.unknown().optional().describe('Not writable: the customer rates from the survey mailed with the resolution (400)'),
    satisfactionComment: z.unknown().optional().describe('Not writable: the customer comments in the survey (400)'),
    assigneeId: id.nullable().optional(),
    version,
  })
  .meta({ id: 'TicketUpdate' })
export type TicketUpdate = z.infer<typeof ticketUpdateSchema>

const statusList = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const list = s.split(',').map((x) => x.trim()).filter(Boolean)
    const bad = list.filter((x) => !(TICKET_STATUSES as readonly string[]).includes(x))
    if (list.length === 0 || bad.length) {
      ctx.addIssue({ code: 'custom', message: `One or more of ${TICKET_STATUSES.join(', ')}, comma-separated` })
      return z.NEVER
    }
    return list as (typeof TICKET_STATUSES)[number][]
  })

export const ticketListQuerySchema = z.strictObject({
  ...listQueryBase,
  q: z.string().trim().max(200).optional().describe('number, subject, caller name, e-mail or phone'),
  sort: z.string().max(30).optional().describe('createdAt, updatedAt, dueAt, priority; prefix - for descending. Default -createdAt'),
  status: statusList.optional().describe('one status or several, comma-separated: new,open,pending'),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  customerId: id.optional(),
  contactId: id.optional(),
  orderId: id.optional(),
  assigneeId: z.union([id, z.literal('me'), z.literal('unassigned')]).optional(),
  assigneeTeamId: id.optional().describe("tickets assigned to a member of this team"),
  // A report's drill-down: its period, so the list holds the tickets its row counted.
  createdFrom: z.iso.date().optional().describe('created on or after this day (in tz)'),
  createdTo: z.iso.date().optional().describe('created on or before this day (in tz)'),
  tz: timeZone.optional().describe('IANA time zone of the created days; default UTC (a report drill-down passes its own)'),
  breach: z.enum(['soon', 'breached', 'at_risk']).optional()
    .describe('soon: the next deadline is within the SLA soon window; breached: a deadline of an unfinished ticket has passed; at_risk: either'),
  deleted: z.stringbool().optional(),
})
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>

export const ticketCommentSchema = z
  .object({
    id,
    ticketId: id,
    body: z.string(),
    internal: z.boolean().describe('An internal note, never shown to the customer'),
    fromCustomer: z.boolean().describe('A reply of the customer (recorded by an agent or from the public channel)'),
    authorId: id.nullable(),
    authorName: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'TicketComment' })
export type TicketComment = z.infer<typeof ticketCommentSchema>

export const ticketCommentCreateSchema = z
  .strictObject({
    body: requiredText(20000),
    internal: z.boolean().default(false),
    fromCustomer: z.boolean().default(false).describe('Record a reply the customer gave (phone, e-mail): reopens a resolved ticket'),
  })
  .meta({ id: 'TicketCommentCreate' })
export type TicketCommentCreate = z.infer<typeof ticketCommentCreateSchema>

export const ticketMailSchema = z
  .object({
    id,
    ticketId: id,
    kind: z.enum(['acknowledgement', 'reply', 'resolution']),
    commentId: id.nullable().describe('reply: the public reply it carries'),
    recipient: z.string(),
    state: z.enum(['queued', 'sending', 'sent', 'failed']).describe('queued (also while retrying after a passing failure), sending, sent, failed (refused by the mail server, or retries exhausted)'),
    attempts: z.number().int(),
    subject: z.string().nullable().describe('As sent'),
    lastError: z.string().nullable(),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
  })
  .meta({ id: 'TicketMail' })
export type TicketMail = z.infer<typeof ticketMailSchema>

export const ticketEventSchema = z
  .object({
    id,
    ticketId: id,
    kind: z.enum(['created', 'status', 'assigned', 'priority', 'customer', 'satisfaction', 'deleted', 'restored']),
    before: z.unknown(),
    after: z.unknown(),
    actorId: id.nullable(),
    actorName: z.string().nullable(),
    at: timestamp,
  })
  .meta({ id: 'TicketEvent' })
export type TicketEvent = z.infer<typeof ticketEventSchema>

/** The customer service form a website posts to; `website2` is a honeypot that must stay empty. */
export const publicTicketSchema = z
  .strictObject({
    type: z.enum(TICKET_TYPES).default('inquiry'),
    subject: requiredText(300),
    description: requiredText(10000),
    contactName: requiredText(200),
    contactEmail: optionalEmail,
    contactPhone: phoneInput(40),
    expectedResolution: optionalText(5000),
    language: z.enum(MAIL_LANGUAGES).optional().describe('The language of the form: the mails answer in it'),
    website2: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.contactEmail && !v.contactPhone) {
      ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: 'Give an e-mail address or a phone number so that we can answer' })
    }
  })
  .meta({ id: 'PublicTicket' })
export type PublicTicket = z.infer<typeof publicTicketSchema>

export const publicTicketReceivedSchema = z.object({ number: z.string() }).meta({ id: 'PublicTicketReceived' })

export const ticketBreachCountsQuerySchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
})
