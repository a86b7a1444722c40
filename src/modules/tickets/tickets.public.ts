import { createHash, randomBytes } from 'node:crypto'
import { phoneField } from '../../lib/phone'
import { recordAudit } from '../audit/audit.service'
import type { Mailer } from '../../server/mailer'
import { systemContext, type RequestContext } from '../../server/context'
import type { TicketCore, TicketDeps } from './tickets.core'
import type { PublicTicket } from './tickets.schema'
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
/** How the public form reaches the address it was given: the mailer and Kith's public address for links. */
export interface RequesterMail {
  mailer?: Mailer
  publicUrl?: string
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

export function createPublicTickets(core: TicketCore, deps: TicketDeps & RequesterMail) {
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

  /** A failed send leaves the ticket filed and unverified (agents see the flag): the form still answers. */
  async function mailConfirmation(to: string, number: string, token: string) {
    if (!deps.mailer?.configured || !deps.publicUrl) return
    const url = `${deps.publicUrl.replace(/\/$/, '')}/api/v1/public/tickets/confirm/${token}`
    const text = [
      `我们收到了您的服务请求 ${number}。请打开以下链接确认这是您的邮箱地址：`, url, '',
      `We received your service request ${number}. Please open the link above to confirm this is your e-mail address.`,
      '如果不是您本人提交的，请忽略此邮件。 If you did not send it, ignore this message.',
    ].join('\n')
    await deps.mailer.send({ to, subject: `请确认您的服务请求 ${number} / Please confirm your request ${number}`, text }).catch(() => undefined)
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
      const token = match.customerId && input.contactEmail ? randomBytes(24).toString('base64url') : null
      const filed = await db.transaction().execute(async (trx) => {
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
          meta: JSON.stringify({ form: { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, origin: meta.origin ?? null } }),
          ...(token ? { requesterVerified: false, requesterTokenHash: tokenHash(token) } : {}),
        }, true)
        return { number: ticket.number }
      })
      if (token) await mailConfirmation(input.contactEmail!, filed.number, token)
      return filed
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
