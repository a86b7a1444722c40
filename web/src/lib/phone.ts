import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'

/**
 * A stored E.164 number for people to read: national format when it belongs to the
 * installation's default region ("138 1234 5678"), international otherwise ("+1 415 555 2671"),
 * an extension after it ("+1 202 555 0123 ext. 4715").
 */
export function formatPhone(e164: string | null | undefined, defaultRegion: string): string {
  if (!e164) return ''
  const parsed = parsePhoneNumberFromString(e164, defaultRegion as CountryCode)
  if (!parsed) return e164
  return parsed.country === defaultRegion ? parsed.formatNational() : parsed.formatInternational()
}

/** `tel:` link target for a stored number; an extension stays one (RFC 3966 ;ext=), not more digits to dial. */
export function phoneHref(stored: string): string {
  const [number, ext] = stored.split(';ext=')
  return `tel:${number!.replace(/[^+\d]/g, '')}${ext ? `;ext=${ext.replace(/\D/g, '')}` : ''}`
}
