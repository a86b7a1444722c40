import { Metadata, type PhoneNumber } from 'libphonenumber-js/core'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

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

/** E.164 for a valid number, or null: toE164 with precompiled patterns. */
export function toE164Fast(input: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultRegion as CountryCode)
  if (!parsed || !isValidFast(parsed)) return null
  return parsed.number
}

/**
 * libphonenumber costs tens of µs a number; files repeat numbers (a company's switchboard, the
 * same customer in both passes of a small file), so results are remembered, in a bounded map.
 */
const phoneCache = new Map<string, string | null>()
const PHONE_CACHE_MAX = 50_000
export function phoneE164(raw: string, region: string): string | null {
  const key = `${region}\u0000${raw}`
  const hit = phoneCache.get(key)
  if (hit !== undefined) return hit
  const e164 = toE164Fast(raw, region)
  if (phoneCache.size >= PHONE_CACHE_MAX) phoneCache.clear()
  phoneCache.set(key, e164)
  return e164
}

export const invalidPhoneMessage = (raw: string, region: string) => `"${raw}" is not a valid phone number for region ${region} (use +country code for others)`
