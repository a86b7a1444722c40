import type { Db, Executor } from '../../db/database'
import { AppError, fieldError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { isLiveCampaign } from '../campaigns/campaigns.refs'
import { toCustomer, type CustomerService } from '../customers/customers.service'
import type { ContactService } from '../contacts/contacts.service'
import type { UserService } from '../users/users.service'
import type { Opportunity, OpportunityCreate } from '../opportunities/opportunities.schema'
import * as repo from './leads.repository'
import type { LeadDependent, LeadService } from './leads.service'
import type { LeadConvert } from './leads.schema'

/** What conversion needs of the opportunities module: a deal created inside this transaction. */
export interface OpportunityCreator {
  createInTransaction(trx: Executor, ctx: RequestContext, input: OpportunityCreate & { leadId?: string | null }): Promise<Opportunity>
}

interface ConvertDeps {
  db: Db
  leads: LeadService
  users: UserService
  customers: CustomerService
  contacts: ContactService
  opportunities: OpportunityCreator
  dependents?: LeadDependent[]
}

/**
 * Lead → customer + contact (+ opportunity), in one transaction. The lead row is locked first, so
 * of two simultaneous conversions the second waits and then finds it converted (409): nothing is
 * created twice. The lead's activities follow it; its source and campaign are carried over.
 */
export function createLeadConversion(deps: ConvertDeps) {
  const { db, leads, users, customers, contacts } = deps

  /** The lead's owner keeps what his lead becomes; an unowned lead (or an inactive owner) goes to the converter. */
  async function ownership(ctx: RequestContext, trx: Executor, lead: repo.LeadRow) {
    if (lead.ownerId) {
      const owner = await users.ownerCandidate(lead.ownerId, trx).catch(() => null)
      if (owner?.active) return { ownerId: owner.id, teamId: owner.teamId }
    }
    return { ownerId: ctx.actor.userId, teamId: ctx.actor.teamId }
  }

  const mayAssign = (ctx: RequestContext, ownerId: string | null, teamId: string | null) =>
    ownerId !== null &&
    (ownerId === ctx.actor.userId || ctx.actor.role === 'admin' || (ctx.actor.role === 'manager' && ctx.actor.teamId !== null && teamId === ctx.actor.teamId))

  async function existingCustomer(ctx: RequestContext, trx: Executor, id: string) {
    try {
      return await customers.visible(ctx, id, 'write', trx)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CUSTOMER_NOT_FOUND') throw fieldError('customerId', 'No such customer')
      throw err
    }
  }

  return async function convert(ctx: RequestContext, id: string, input: LeadConvert) {
    return db.transaction().execute(async (trx) => {
      const lead = await leads.visible(ctx, id, 'write', trx)
      if (lead.status === 'converted') {
        throw new AppError('LEAD_ALREADY_CONVERTED', 'This lead was already converted', { current: leads.toLead(lead) })
      }
      const owner = await ownership(ctx, trx, lead)
      const customer = input.customerId
        ? toCustomer(await existingCustomer(ctx, trx, input.customerId))
        : await customers.createInTransaction(trx, ctx, {
            type: lead.company ? 'company' : 'person',
            name: lead.company ?? lead.name,
            company: lead.company,
            email: lead.email,
            phone: lead.phone,
            source: lead.source,
            description: lead.description,
          }, owner)
      const contact = await contacts.createInTransaction(trx, ctx, {
        customerId: customer.id,
        name: lead.name,
        title: lead.title,
        email: lead.email,
        phone: lead.phone,
      }, { primaryIfNone: true })

      let opportunity: Opportunity | null = null
      if (input.createOpportunity) {
        opportunity = await deps.opportunities.createInTransaction(trx, ctx, {
          name: input.opportunityName ?? `${lead.company ?? lead.name} – 商机`,
          customerId: customer.id,
          contactId: contact.id,
          // The deal goes to whoever owns the customer, when the converter may hand it to him; else to the converter.
          ...(mayAssign(ctx, customer.ownerId ?? owner.ownerId, customer.teamId ?? owner.teamId) ? { ownerId: customer.ownerId ?? owner.ownerId } : {}),
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          ...(input.currency !== undefined ? { currency: input.currency } : {}),
          ...(input.expectedCloseDate !== undefined ? { expectedCloseDate: input.expectedCloseDate } : {}),
          // A campaign deleted since the lead came in is not carried over (the key refuses it).
          campaignId: lead.campaignId && (await isLiveCampaign(trx, lead.campaignId)) ? lead.campaignId : null,
          leadId: lead.id,
        })
      }

      const target = { customerId: customer.id, contactId: contact.id, opportunityId: opportunity?.id ?? null }
      const moved: Record<string, number> = {}
      for (const d of deps.dependents ?? []) moved[d.name] = await d.moveToConversion(trx, lead.id, target)
      await repo.updateLead(trx, lead.id, {
        status: 'converted',
        convertedAt: new Date(),
        convertedCustomerId: target.customerId,
        convertedContactId: target.contactId,
        convertedOpportunityId: target.opportunityId,
      })
      await recordAudit(trx, ctx, [{
        action: 'convert',
        entity: 'lead',
        entityId: lead.id,
        changes: { status: { before: lead.status, after: 'converted' }, ...target, existingCustomer: !!input.customerId, moved },
      }])
      return { lead: leads.toLead((await repo.findLeadById(trx, lead.id))!), customer, contact, opportunity }
    })
  }
}
