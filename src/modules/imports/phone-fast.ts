import { Metadata, type PhoneNumber } from 'libphonenumber-js/core'
import { checkPhone, storedPhone, type PhoneCheck } from '../../lib/phone'
import { countryCode } from '../../lib/country'
import type { Issue } from './prepare'

/**
 * toE164 (src/lib/phone.ts) for the import hot path: the same parse, and the same validity rule as
 * PhoneNumber.isValid() (libphonenumber-js isValid.js + helpers/getNumberType.js), but with the
 * metadata's patterns compiled once. The library builds a fresh RegExp from the pattern text for
 * every check (≈40 µs a number for China's long fixed-line pattern); here each is built once.
 * imports.phone.test.ts holds this equal to isValid() over numbers of many regions and types.
 */
const TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const
const compiled = new Map<string, RegExp>()
const whole = (pattern: string) => {
  let re = compiled.get(pattern)
  if (!re) compiled.set(pattern, (re = new RegExp(`^(?:${pattern})$`)))
  return re
}
const matches = (text: string | undefined, pattern: string) => whole(pattern).test(text || '')

const metadataOf = new WeakMap<object, any>()
function metadataFor(json: object): any {
  let m = metadataOf.get(json)
  if (!m) metadataOf.set(json, (m = new Metadata(json as any)))
  return m
}

function isType(nationalNumber: string, type: string, m: any): boolean {
  const def = m.type(type)
  if (!def || !def.pattern()) return false
  const lengths: number[] | undefined = def.possibleLengths()
  if (lengths && lengths.indexOf(nationalNumber.length) < 0) return false
  return matches(nationalNumber, def.pattern())
}

export function isValidFast(p: PhoneNumber): boolean {
  const m = metadataFor((p as any).getMetadata())
  m.selectNumberingPlan(p.country || p.countryCallingCode)
  const nationalNumber = p.nationalNumber as string
  if (!m.hasTypes()) return matches(nationalNumber, m.nationalNumberPattern())
  // getNumberType() !== undefined
  if (!p.country && !p.countryCallingCode) return false
  if (!matches(nationalNumber, m.nationalNumberPattern())) return false
  if (isType(nationalNumber, 'FIXED_LINE', m)) return true
  for (const t of TYPES) if (isType(nationalNumber, t, m)) return true
  return false
}

/** E.164 (;ext= for an extension) for a valid number, or null: toE164 with precompiled patterns. */
export const toE164Fast = (input: string, defaultRegion: string): string | null => storedPhone(input, defaultRegion, isValidFast)

/**
 * libphonenumber costs tens of µs a number; files repeat numbers (a company's switchboard, the
 * same customer in both passes of a small file), so results are remembered, in a bounded map.
 */
const phoneCache = new Map<string, PhoneCheck>()
const PHONE_CACHE_MAX = 50_000
export function phoneCheck(raw: string, region: string): PhoneCheck {
  const key = `${region}\u0000${raw}`
  const hit = phoneCache.get(key)
  if (hit !== undefined) return hit
  const r = checkPhone(raw, region, isValidFast)
  if (phoneCache.size >= PHONE_CACHE_MAX) phoneCache.clear()
  phoneCache.set(key, r)
  return r
}

/** The region a row's phone is read in: the row's own country (when mapped and known), else the file's. */
export function phoneRegion(country: unknown, fileRegion: string): string {
  return (typeof country === 'string' && countryCode(country)) || fileRegion
}

/**
 * A row's phone as stored: E.164 (;ext=). An invalid one makes the row invalid, or, with
 * `drop`, is left out while the row is kept, its text in a warning so nothing is lost unseen.
 */
export function importPhone(record: Record<string, unknown>, region: string, drop: boolean, errors: Issue[], warnings: Issue[]) {
  if (typeof record.phone !== 'string') return
  const r = phoneCheck(record.phone, region)
  if (r.ok) record.phone = r.value
  else if (drop) {
    warnings.push({ path: 'phone', message: `Left out: ${r.reason}` })
    record.phone = null
  } else errors.push({ path: 'phone', message: r.reason })
}
