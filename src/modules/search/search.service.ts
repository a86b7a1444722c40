import type { RequestContext } from '../../server/context'
import { normalizeSearchTerm } from '../../lib/text'
import type { CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import type { LeadService } from '../leads/leads.service'
import type { OpportunityService } from '../opportunities/opportunities.service'
import type { TicketService } from '../tickets/tickets.service'
import type { SearchHit } from './search.schema'

interface Deps {
  customers: CustomerService
  contacts: ContactService
  leads: LeadService
  opportunities: OpportunityService
  /** Optional so that wiring without the service module still compiles (CLI tools). */
  tickets?: TicketService
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ') || null

/** One box that finds anything the caller may see; each module answers for its own records. */
export function createSearchService({ customers, contacts, leads, opportunities, tickets }: Deps) {
  return {
    async search(ctx: RequestContext, rawQ: string, limit: number): Promise<{ items: SearchHit[] }> {
      const q = normalizeSearchTerm(rawQ)
      const [cs, ps, ls, os, ts] = await Promise.all([
        customers.search(ctx, q, limit),
        contacts.search(ctx, q, limit),
        leads.search(ctx, q, limit),
        // Deals match on their name; the most recently touched first.
        opportunities.list(ctx, { q, limit, sort: '-updatedAt' }),
        // Tickets match on number, subject and the caller's name, e-mail or phone; newest first.
        tickets ? tickets.search(ctx, q, limit) : [],
      ])
      return {
        items: [
          ...cs.map((c): SearchHit => ({ kind: 'customer', id: c.id, title: c.name, subtitle: join(c.company, c.email, c.phone) })),
          ...ps.map((p): SearchHit => ({ kind: 'contact', id: p.id, title: p.name, subtitle: join(p.customerName, p.title, p.email, p.phone) })),
          ...ls.map((l): SearchHit => ({ kind: 'lead', id: l.id, title: l.name, subtitle: join(l.company, l.email, l.phone) })),
          ...os.items.map((o): SearchHit => ({ kind: 'opportunity', id: o.id, title: o.name, subtitle: join(o.customerName, `${o.amount} ${o.currency}`) })),
          ...ts.map((t): SearchHit => ({ kind: 'ticket', id: t.id, title: `${t.number} ${t.subject}`, subtitle: join(t.customerName ?? t.contactName, t.status) })),
        ],
      }
    },
  }
}

export type SearchService = ReturnType<typeof createSearchService>
