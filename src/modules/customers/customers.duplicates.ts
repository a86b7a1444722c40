import type { Db } from '../../db/database'
import { isEmptyProbe, matchedOn, normalizeProbe, type DuplicateProbe } from '../../lib/duplicates'
import { toE164 } from '../../lib/phone'
import { iso } from '../../lib/schema'
import { scopeFor } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import type { EncryptionService } from '../encryption/encryption.service'
import * as repo from './customers.repository'
import type { CustomerCandidate, CustomerDuplicateQuery } from './customers.schema'
import type { CustomerDependent } from './customers.service'

const LIMIT = 20

/**
 * Possible duplicates of a customer: for the create/edit form (what it holds, before saving),
 * for the merge dialog (those of a stored record) and for other modules' warnings (leads).
 */
export function createCustomerDuplicates(deps: { db: Db; defaultRegion: string; encryption: EncryptionService; dependents?: CustomerDependent[] }) {
  const { db, encryption } = deps

  /** The rows summarised for a side-by-side choice: matched fields and the records hanging off each. */
  async function summarise(rows: repo.DuplicateCandidateRow[], probe: DuplicateProbe): Promise<CustomerCandidate[]> {
    const ids = rows.map((r) => r.id)
    const related = new Map(ids.map((id) => [id, {} as Record<string, number>]))
    for (const d of deps.dependents ?? []) {
      if (!d.countByCustomer) continue
      const counts = await d.countByCustomer(db, ids)
      for (const id of ids) related.get(id)![d.name] = counts.get(id) ?? 0
    }
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      name: r.name,
      email: r.email,
      phone: r.phone,
      company: r.company,
      city: r.city ?? null,
      status: r.status,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      createdAt: iso(r.createdAt),
      related: related.get(r.id)!,
      matchedOn: matchedOn(probe, r),
    }))
  }

  /** Customers the caller sees matching the probe (name, e-mail, phone E.164, company), normalised here. */
  async function find(ctx: RequestContext, match: DuplicateProbe, exceptId?: string, limit = LIMIT) {
    const probe = normalizeProbe(match)
    if (isEmptyProbe(probe)) return []
    // An encrypted e-mail or phone is matched by its blind index, and opened for the comparison side by side.
    const blind = await encryption.matchIndexes('customers', probe)
    const rows = await repo.findDuplicateCandidates(db, { ...probe, ...blind, exceptId, scope: scopeFor(ctx.actor, 'read'), limit })
    return encryption.openRows('customers', rows)
  }

  return {
    find,

    /** What a form holds: the phone as typed (one that does not parse yet matches nothing, it is no error). */
    async check(ctx: RequestContext, q: CustomerDuplicateQuery) {
      const probe = { name: q.name, email: q.email, phone: q.phone ? toE164(q.phone, deps.defaultRegion) : null }
      return { items: await summarise(await find(ctx, probe, q.excludeId), normalizeProbe(probe)) }
    },

    /** A stored customer (already visible to the caller) and its likely duplicates, for the merge dialog. */
    async ofRecord(ctx: RequestContext, row: repo.CustomerRow) {
      const probe = { name: row.name, email: row.email, phone: row.phone }
      const items = await summarise(await find(ctx, probe, row.id), normalizeProbe(probe))
      const [self] = await summarise([{ ...row, city: row.address?.city ?? null }], {})
      return { record: self!, items }
    },
  }
}
