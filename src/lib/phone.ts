import { fieldError } from '../server/errors'
import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max'
import metadata from 'libphonenumber-js/metadata.max.json'
import { countryName } from './country'
import { optionalText } from './schema'

/**
 * How a phone is stored: E.164, and an extension as RFC 3966 writes it (`+12025550123;ext=4715`),
 * so one text column keeps both, equal numbers stay equal strings (duplicate checks), and
 * libphonenumber reads it back for display and tel: links.
 */
export type PhoneCheck = { ok: true; value: string } | { ok: false; reason: string }

/** Extension words libphonenumber does not know (it reads x, ext., extension, # and ;ext=). */
const CHINESE_EXT = /\s*(?:转|轉|分机|分機|内线|內線)\s*(\d{1,7})\s*$/

/** Whether the text names its country (+1…, 00 1…, ＋86…): then the default region played no part. */
const INTERNATIONAL = /^\s*(?:\+|＋|00)/

export function checkPhone(input: string, defaultRegion: string, isValid: (p: PhoneNumber) => boolean = (p) => p.isValid()): PhoneCheck {
  const text = input.replace(CHINESE_EXT, ' ext. $1')
  const parsed = parsePhoneNumberFromString(text, defaultRegion as CountryCode)
  if (parsed && isValid(parsed)) return { ok: true, value: stored(parsed) }
  return { ok: false, reason: whyInvalid(input, text, defaultRegion, parsed) }
}

/** checkPhone without the reason (which costs a second parse): the stored form, or null. */
export function storedPhone(input: string, defaultRegion: string, isValid: (p: PhoneNumber) => boolean = (p) => p.isValid()): string | null {
  const parsed = parsePhoneNumberFromString(input.replace(CHINESE_EXT, ' ext. $1'), defaultRegion as CountryCode)
  return parsed && isValid(parsed) ? stored(parsed) : null
}

const stored = (p: PhoneNumber) => (p.ext ? `${p.number};ext=${p.ext}` : p.number)

function whyInvalid(raw: string, text: string, region: string, parsed: PhoneNumber | undefined): string {
  const length = validatePhoneNumberLength(text, region as CountryCode)
  const intl = INTERNATIONAL.test(raw)
  const where = parsed?.country ? countryName(parsed.country) : parsed ? codeName(parsed.countryCallingCode) : countryName(region)
  let why: string
  if (length === 'INVALID_COUNTRY') why = `"${raw}" starts with a country code that does not exist`
  else if (!parsed || length === 'NOT_A_NUMBER') why = `"${raw}" is not a phone number`
  else if (length === 'TOO_SHORT') why = `"${raw}" is too short for a phone number in ${where}`
  else if (length === 'TOO_LONG') why = `"${raw}" is too long for a phone number in ${where}`
  else if (length === 'INVALID_LENGTH') why = `"${raw}" has the wrong number of digits for ${where}`
  else why = `"${raw}" is not a valid number in ${where}`
  // Only a number without a country code was read as one of the default region's.
  return intl ? why : `${why} (read as a ${countryName(region)} number; write another country's number with its code, e.g. +44 or 0044)`
}

/**
 * An invalid number has no country of its own, only its calling code: named by the code's main
 * country (+44 United Kingdom), except +1 and the like, shared by many countries alike.
 */
function codeName(callingCode: string): string {
  const countries = (metadata as { country_calling_codes: Record<string, string[]> }).country_calling_codes[callingCode] ?? []
  return countries.length > 0 && countries.length <= 4 ? `${countryName(countries[0]!)} (+${callingCode})` : `country code +${callingCode}`
}

/** E.164 (with ;ext= when it has one) for a valid number, or null when it cannot be a phone number in that region. */
export const toE164 = (input: string, defaultRegion: string): string | null => storedPhone(input, defaultRegion)

/** A phone field of a write: absent and null pass through, anything else must parse (400 otherwise). */
export function phoneField(input: string | null | undefined, defaultRegion: string, path = 'phone'): string | null | undefined {
  if (input === undefined || input === null) return input
  const r = checkPhone(input, defaultRegion)
  if (!r.ok) throw fieldError(path, `Not a valid phone number: ${r.reason}`)
  return r.value
}

let writeRegion = 'CN'

/**
 * The installation's default region (KITH_DEFAULT_REGION) for the phone fields of writes; set once
 * at start-up with the services (one configuration per process).
 */
export function setPhoneRegion(region: string): void {
  writeRegion = region
}

/**
 * A phone field of a write body, checked while the body is validated: a bad number is reported in
 * the same 400 as every other bad field (checked later, in the service, it came one error after the
 * other). The service still stores it as E.164 with phoneField.
 */
export const phoneInput = (max = 40) =>
  optionalText(max).superRefine((v, ctx) => {
    if (v === null || v === undefined) return
    const r = checkPhone(v, writeRegion)
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `Not a valid phone number: ${r.reason}` })
  })
