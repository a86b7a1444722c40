import { createHash, randomBytes } from 'node:crypto'
import { phoneField } from '../../lib/phone'
import { recordAudit } from '../audit/audit.service'
import { systemContext, type RequestContext } from '../../server/context'
import type { TicketCore, TicketDeps } from './tickets.core'
import type { PublicTicket } from './tickets.schema'
import * as repo from './tickets.repository'
import { nextTicketNumber } from './tickets.repository'

/** Reads on behalf of the public form: sees every customer, writes nothing under this name. */
const FORM_READER: RequestContext = systemContext({ userId: '00000000-0000-0000-0000-000000000000', role: 'admin', teamId: null }, 'public-form')

export interface FormMeta {
  requestId: string
  ip?: string
  userAgent?: string
  origin?: string
}

/**
 * The customer service form (no sign-in). A filled honeypot gets the same answer as a real
 * submission but stores nothing. The caller's e-mail links the ticket to a customer (and
 * contact) when exactly one matches; otherwise the ticket waits to be matched by an agent.
 */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

export function createPublicTickets(core: TicketCore, deps: TicketDeps) {
  const { db } = core

  async function matchCaller(email: string | null | undefined): Promise<{ customerId: string | null; contactId: string | null }> {
    if (!email) return { customerId: null, contactId: null }
    const contacts = await deps.contacts.duplicates(FORM_READER, { email, phone: null }, 3)
    if (contacts.length === 1) return { customerId: contacts[0]!.customerId, contactId: contacts[0]!.id }
    const owners = new Set(contacts.map((c) => c.customerId))
    if (owners.size === 1) return { customerId: contacts[0]!.customerId, contactId: null }
    if (contacts.length > 1) return { customerId: null, contactId: null }
    const customers = await deps.customers.duplicates(FORM_READER, { email }, 2)
    return { customerId: customers.length === 1 ? customers[0]!.id : null, contactId: null }
  }

  return {
    async submitPublic(input: PublicTicket, meta: FormMeta): Promise<{ number: string }> {
      // The fake number is drawn from the real sequence: the same form and the same run of numbers
      // as real tickets (a sequence has gaps anyway), so a bot cannot tell it was caught.
      if (input.website2 && input.website2.trim() !== '') return { number: await nextTicketNumber(db) }
      const contactPhone = phoneField(input.contactPhone, deps.defaultRegion, 'contactPhone') ?? null
      const match = await matchCaller(input.contactEmail)
      const acting = { actor: null, requestId: meta.requestId, ip: meta.ip }
      // Anyone can type a customer's address: the link stands, flagged, until its owner confirms it.
      const unverified = Boolean(match.customerId && input.contactEmail)
      await core.mail?.ready()
      return db.transaction().execute(async (trx) => {
        const link = await core.link(FORM_READER, trx, match.customerId, match.contactId)
        const type = input.type
        const assigneeId = await deps.assignment.pick(trx, { type, priority: 'normal', customerTeamId: link.customerTeamId })
        const ticket = await core.insert(trx, acting, {
          type,
          priority: 'normal',
          subject: input.subject,
          description: input.description,
          channel: 'web',
          customerId: link.customerId,
          contactId: link.contactId,
          orderId: null,
          productId: null,
          contactName: input.contactName,
          contactEmail: input.contactEmail ?? null,
          contactPhone,
          expectedResolution: input.expectedResolution ?? null,
          assigneeId,
          createdBy: null,
          language: input.language ?? null,
          meta: JSON.stringify({ form: { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, origin: meta.origin ?? null } }),
          ...(unverified ? { requesterVerified: false } : {}),
        }, true)
        if (unverified) {
          // Derived from the ticket id with the server secret, so the queued acknowledgement can carry
          // the link when it is sent; only its hash is stored.
          const token = core.mail ? await core.mail.confirmToken(ticket.id) : randomBytes(24).toString('base64url')
          await repo.updateTicket(trx, ticket.id, { requesterTokenHash: tokenHash(token) })
        }
        // The acknowledgement (with the confirmation link while unverified) goes only to the address typed.
        await core.mail?.enqueue(trx, ticket, 'acknowledgement')
        return { number: ticket.number }
      })
    },

    /** The address owner follows the mailed link: the ticket's link to him is confirmed (once; the token is spent). */
    async confirmRequester(token: string, meta: FormMeta): Promise<{ number: string } | null> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('tickets').set({ requesterVerified: true, requesterTokenHash: null, updatedAt: new Date() })
          .where('requesterTokenHash', '=', tokenHash(token)).returning(['id', 'number']).executeTakeFirst()
        if (!row) return null
        await recordAudit(trx, { actor: null, requestId: meta.requestId, ip: meta.ip }, [{ action: 'update', entity: 'ticket', entityId: row.id, changes: { requesterVerified: { before: false, after: true } } }])
        return { number: row.number }
      })
    },

  }
}
