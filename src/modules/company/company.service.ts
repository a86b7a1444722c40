import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import type { CompanyProfile, CompanyProfileUpdate } from './company.schema'

const KEY = 'company_profile'

const EMPTY: CompanyProfile = {
  name: '', address: null, phone: null, email: null, website: null, taxId: null, logo: null, quoteValidityDays: 30, quoteTerms: null, updatedAt: null,
}

/** The company's own details (settings row `company_profile`): everyone reads them, admins change them. */
export function createCompanyService({ db }: { db: Db }) {
  const read = async (trx: Executor = db): Promise<CompanyProfile> => ({ ...EMPTY, ...((await getSetting<Partial<CompanyProfile>>(trx, KEY)) ?? {}) })

  return {
    get: (_ctx: RequestContext | null, trx?: Executor) => read(trx),

    /** Sets the profile: a field given as null is cleared, a field left out keeps its value (older clients send fewer). */
    async put(ctx: RequestContext, input: CompanyProfileUpdate): Promise<CompanyProfile> {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const current = { ...EMPTY, ...((await lockSetting<Partial<CompanyProfile>>(trx, KEY)) ?? {}) }
        const keep = <K extends keyof CompanyProfileUpdate>(k: K) => (input[k] === undefined ? current[k] : input[k]) as never
        const next: CompanyProfile = {
          name: input.name,
          address: keep('address'),
          phone: keep('phone'),
          email: keep('email'),
          website: keep('website'),
          taxId: keep('taxId'),
          logo: keep('logo'),
          quoteValidityDays: keep('quoteValidityDays'),
          quoteTerms: keep('quoteTerms'),
          updatedAt: new Date().toISOString(),
        }
        const { updatedAt: _a, ...before } = current
        const { updatedAt: _b, ...after } = next
        const changes = changedFields(before, after)
        if (!Object.keys(changes).length) return current
        // A logo is kilobytes of base64: the audit says that it changed, not what it was.
        if (changes.logo) changes.logo = { before: current.logo ? '(image)' : null, after: next.logo ? '(image)' : null }
        await putSetting(trx, KEY, next)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'company_profile', entityId: null, changes }])
        return next
      })
    },
  }
}

export type CompanyService = ReturnType<typeof createCompanyService>
