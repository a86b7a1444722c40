import { getCountries } from 'libphonenumber-js/max'

/**
 * A country as people write it in a spreadsheet ("US", "USA", "United States", "美国", "中國")
 * → its ISO 3166 alpha-2 code, or null. Names come from ICU (English, simplified and traditional
 * Chinese) for every region libphonenumber knows, so no list of names is kept here but a few
 * common short forms that ICU does not give.
 */
const ALIASES: Record<string, string> = {
  usa: 'US', us: 'US', 'u.s.': 'US', 'u.s.a.': 'US', america: 'US', 'united states of america': 'US', 美国: 'US', 美國: 'US',
  uk: 'GB', 'u.k.': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 英国: 'GB', 英國: 'GB',
  gbr: 'GB', deu: 'DE', germany: 'DE', deutschland: 'DE', jpn: 'JP', chn: 'CN', prc: 'CN', 'mainland china': 'CN', 中国大陆: 'CN', 大陆: 'CN', 内地: 'CN',
  'hong kong': 'HK', hkg: 'HK', 香港: 'HK', 'hong kong sar': 'HK', macau: 'MO', 澳门: 'MO', 澳門: 'MO', taiwan: 'TW', twn: 'TW', 台湾: 'TW', 台灣: 'TW',
  sgp: 'SG', 新加坡: 'SG', korea: 'KR', 'south korea': 'KR', 韩国: 'KR', 韓國: 'KR', 日本: 'JP', 德国: 'DE', 法国: 'FR', fra: 'FR', can: 'CA', aus: 'AU', ind: 'IN',
}

const key = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')

let names: Map<string, string> | undefined
function byName(): Map<string, string> {
  if (names) return names
  names = new Map()
  const locales = ['en', 'zh-Hans', 'zh-Hant']
  for (const locale of locales) {
    let display: Intl.DisplayNames
    try {
      display = new Intl.DisplayNames([locale], { type: 'region' })
    } catch {
      continue // a Node built without full ICU: codes and aliases still work
    }
    for (const code of getCountries()) {
      const name = display.of(code)
      if (name && name !== code) names.set(key(name), code)
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) names.set(key(alias), code)
  return names
}

const CODES = new Set<string>(getCountries())

export function countryCode(text: string | null | undefined): string | null {
  if (!text) return null
  const k = key(text)
  if (!k) return null
  const upper = k.toUpperCase()
  if (upper.length === 2 && CODES.has(upper)) return upper
  return byName().get(k) ?? null
}

/** The English name of a region code, for messages ("United States"); the code itself when unknown. */
let english: Intl.DisplayNames | null | undefined
export function countryName(code: string): string {
  if (english === undefined) {
    try {
      english = new Intl.DisplayNames(['en'], { type: 'region' })
    } catch {
      english = null
    }
  }
  return english?.of(code) ?? code
}

export const isCountryCode = (code: string) => CODES.has(code)
