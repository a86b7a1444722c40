import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'

/**
 * A stored E.164 number for people to read: national format when it belongs to the
 * installation's default region ("138 1234 5678"), international otherwise ("+1 415 555 2671").
 */
export function formatPhone(e164: string | null | undefined, defaultRegion: string): string {
  if (!e164) return ''
  const parsed = parsePhoneNumberFromString(e164, defaultRegion as CountryCode)
  if (!parsed) return e164
  return parsed.country === defaultRegion ? parsed.formatNational() : parsed.formatInternational()
}

/** `tel:` link target for a stored number. */
export const phoneHref = (e164: string) => `tel:${e164.replace(/[^+\d]/g, '')}`
