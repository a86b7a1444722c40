import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { readSla } from '../tickets/tickets.sla'
import { serverTimeZone } from '../../lib/time-zone'
import type { CompanyProfile, CompanyProfileUpdate } from './company.schema'

const KEY = 'company_profile'

/**
 * Until an admin sets one, the zone the support team's business hours already run in (one zone for
 * the company, not a second one to keep in step), else the server's (TZ, else the system's).
 * First-run set-up stores the first admin's browser zone, so a server in a UTC data centre still
 * dates a Beijing company's quotes by Beijing's calendar.
 */
const defaultTimeZone = async (trx: Executor) => (await readSla(trx)).businessHours?.timeZone ?? serverTimeZone()

const EMPTY: Omit<CompanyProfile, 'timeZone'> = {
  name: '', address: null, phone: null, email: null, website: null, taxId: null, logo: null, quoteValidityDays: 30, quoteTerms: null,
  // Installs from before the setting keep what was hard-coded everywhere.
  currency: 'CNY',
  updatedAt: null,
}

async function withDefaults(trx: Executor, stored: Partial<CompanyProfile> | undefined): Promise<CompanyProfile> {
  return { ...EMPTY, timeZone: stored?.timeZone ?? (await defaultTimeZone(trx)), ...stored } as CompanyProfile
}

/** The company's currency (ISO 4217) and time zone (IANA), for defaults wherever a record or a report needs one. */
export async function companyLocale(trx: Executor): Promise<{ currency: string; timeZone: string }> {
  const { currency, timeZone } = await withDefaults(trx, await getSetting<Partial<CompanyProfile>>(trx, KEY))
  return { currency, timeZone }
}

/** What public pages (support form, unsubscribe, survey) show of the company: its name and logo. */
export async function getCompanyBrand(trx: Executor): Promise<{ name: string; logo: string | null; currency: string }> {
  const { name, logo, currency } = await withDefaults(trx, await getSetting<Partial<CompanyProfile>>(trx, KEY))
  return { name, logo, currency }
}

/**
 * The company's time zone: quote and order PDFs, customer mail, report buckets and SLA times are
 * dated by its calendar. Format with lib/time-zone (formatDate, formatDateTime, dayIn).
 */
export async function companyZone(trx: Executor): Promise<string> {
  return (await companyLocale(trx)).timeZone
}

/** First run: the first admin's browser zone becomes the company's, unless one is already set. */
export async function seedCompanyZone(trx: Executor, timeZone: string): Promise<void> {
  const stored = await lockSetting<Partial<CompanyProfile>>(trx, KEY)
  if (stored?.timeZone) return
  await putSetting(trx, KEY, { ...stored, timeZone })
}

/** The company's own details (settings row `company_profile`): everyone reads them, admins change them. */
export function createCompanyService({ db }: { db: Db }) {
  const read = async (trx: Executor = db): Promise<CompanyProfile> => withDefaults(trx, await getSetting<Partial<CompanyProfile>>(trx, KEY))

  return {
    get: (_ctx: RequestContext | null, trx?: Executor) => read(trx),

    /** Sets the profile: a field given as null is cleared, a field left out keeps its value (older clients send fewer). */
    async put(ctx: RequestContext, input: CompanyProfileUpdate): Promise<CompanyProfile> {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const current = await withDefaults(trx, await lockSetting<Partial<CompanyProfile>>(trx, KEY))
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
          currency: keep('currency'),
          timeZone: keep('timeZone'),
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
