import { z } from 'zod'

/**
 * Duplicate detection shared by leads, customers and contacts: what a probe is normalised to and
 * which of its fields a candidate row matched. The look-ups themselves stay in each module's
 * repository (`findDuplicateCandidates`), behind one function each, by index only.
 */
export const MATCH_FIELDS = ['name', 'email', 'phone', 'company'] as const
export type MatchField = (typeof MATCH_FIELDS)[number]
export const matchedOnSchema = z.array(z.enum(MATCH_FIELDS))

export interface DuplicateProbe {
  name?: string | null
  email?: string | null
  /** E.164 as stored (the caller runs the project's phone normaliser first). */
  phone?: string | null
  company?: string | null
}

/** Names and e-mails compare trimmed and lower-cased, as the lower(...) indexes hold them. */
export const normalizeKey = (s: string | null | undefined): string | null => {
  const v = s?.trim().toLowerCase()
  return v ? v : null
}

export const normalizeProbe = (p: DuplicateProbe): Required<DuplicateProbe> => ({
  name: normalizeKey(p.name),
  email: normalizeKey(p.email),
  phone: p.phone?.trim() || null,
  company: normalizeKey(p.company),
})

export const isEmptyProbe = (p: DuplicateProbe) => !p.name && !p.email && !p.phone && !p.company

/**
 * The fields of `probe` (normalised) that `row` matches. With `companyIsName` a company typed on
 * a lead also matches a customer's name (a company customer's name is its company).
 */
export function matchedOn(
  probe: DuplicateProbe,
  row: { name?: string | null; email?: string | null; phone?: string | null; company?: string | null },
  opts: { companyIsName?: boolean } = {},
): MatchField[] {
  const out: MatchField[] = []
  if (probe.name && normalizeKey(row.name) === probe.name) out.push('name')
  if (probe.email && normalizeKey(row.email) === probe.email) out.push('email')
  if (probe.phone && row.phone === probe.phone) out.push('phone')
  if (probe.company && (normalizeKey(row.company) === probe.company || (opts.companyIsName && normalizeKey(row.name) === probe.company))) out.push('company')
  return out
}
