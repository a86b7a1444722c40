import type { Db } from '../../db/database'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { OpportunityService } from '../opportunities/opportunities.service'
import type { Order } from '../orders/orders.schema'
import type { OrderService } from '../orders/orders.service'
import { toQuote, today } from './quotes.model'
import { companyZone } from '../company/company.service'
import * as repo from './quotes.repository'
import type { QuoteService } from './quotes.service'

interface Deps {
  db: Db
  quotes: QuoteService
  orders: OrderService
  opportunities: OpportunityService
}

/**
 * Accepting turns the latest, unexpired draft or sent revision into an order with the same lines
 * and moves its deal to the won stage, all in one transaction. The quote row is locked first, so
 * of two accepts at once the second finds it accepted (409) and no second order is made; the
 * unique index on orders.quote_id backs this up.
 */
export function createQuoteAcceptance({ db, quotes, orders, opportunities }: Deps) {
  return {
    async accept(ctx: RequestContext, id: string): Promise<Order> {
      return db.transaction().execute(async (trx) => {
        const row = await quotes.visible(ctx, id, 'write', trx)
        const lines = await repo.linesOf(trx, [id])
        const current = toQuote(row, lines, today(await companyZone(trx)))
        quotes.assertActionable(row, current, ['draft', 'sent'], 'accept')
        await repo.updateQuote(trx, id, { status: 'accepted', acceptedAt: new Date() })
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'quote', entityId: id, changes: { status: { before: current.status, after: 'accepted' } } }])
        const order = await orders.createFromQuote(
          trx,
          ctx,
          { quote: row, lines: lines.map(({ id: _i, quoteId: _q, ...l }) => l) },
          (kind, year) => repo.nextNumber(trx, kind, year),
        )
        await opportunities.markWon(trx, ctx, row.opportunityId)
        return order
      })
    },
  }
}
