import { fieldError } from '../server/errors'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/** E.164 for a valid number, or null when it cannot be a phone number in that region. */
export function toE164(input: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultRegion as CountryCode)
  if (!parsed || !parsed.isValid()) return null
  return parsed.number
}

/** A phone field of a write: absent and null pass through, anything else must parse (400 otherwise). */
export function phoneField(input: string | null | undefined, defaultRegion: string, path = 'phone'): string | null | undefined {
  if (input === undefined || input === null) return input
  const e164 = toE164(input, defaultRegion)
  if (!e164) throw fieldError(path, `Not a valid phone number for region ${defaultRegion} (use +country code for others)`)
  return e164
}
