import type { RequestContext } from '../../server/context'
import { normalizeSearchTerm } from '../../lib/text'
import type { CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import type { SearchHit } from './search.schema'

/** One box that finds anything the caller may see; each module answers for its own records. */
export function createSearchService({ customers, contacts }: { customers: CustomerService; contacts: ContactService }) {
  return {
    async search(ctx: RequestContext, rawQ: string, limit: number): Promise<{ items: SearchHit[] }> {
      const q = normalizeSearchTerm(rawQ)
      const [cs, ps] = await Promise.all([customers.search(ctx, q, limit), contacts.search(ctx, q, limit)])
      const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(' · ') || null
      return {
        items: [
          ...cs.map((c): SearchHit => ({ kind: 'customer', id: c.id, title: c.name, subtitle: join(c.company, c.email, c.phone) })),
          ...ps.map((p): SearchHit => ({ kind: 'contact', id: p.id, title: p.name, subtitle: join(p.customerName, p.title, p.email, p.phone) })),
        ],
      }
    },
  }
}

export type SearchService = ReturnType<typeof createSearchService>
