import i18n from 'i18next'

const lang = () => i18n.language || 'en'
const cache = new Map<string, Intl.NumberFormat>()

function currencyFormat(currency: string): Intl.NumberFormat {
  const key = `${lang()}|${currency}`
  let f = cache.get(key)
  if (!f) {
    try {
      f = new Intl.NumberFormat(lang(), { style: 'currency', currency })
    } catch {
      // Not an ISO 4217 code Intl knows: plain number with the code in front.
      f = new Intl.NumberFormat(lang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    }
    cache.set(key, f)
  }
  return f
}

/**
 * A decimal string from the API ("1234.50") as money in the UI's language ("¥1,234.50", "US$1,234.50").
 * Intl formats the string itself (exact decimal); no arithmetic happens here.
 */
export function formatMoney(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return ''
  const f = currencyFormat(currency)
  const text = f.format(amount as Intl.StringNumericLiteral)
  return f.resolvedOptions().style === 'currency' ? text : `${currency} ${text}`
}

/** The currency's symbol in the UI's language, as narrow as it is unambiguous there ("¥", "$", "€"); the code when Intl has none. */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat(lang(), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0)
    return parts.find((p) => p.type === 'currency')?.value ?? currency
  } catch {
    return currency
  }
}

/** The currency's name in the UI's language ("人民币", "US Dollar"). */
export function currencyName(currency: string): string {
  try {
    return new Intl.DisplayNames([lang()], { type: 'currency' }).of(currency) ?? currency
  } catch {
    return currency
  }
}

/** Currencies offered in pickers; any ISO 4217 code can be typed. */
export const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'TWD', 'JPY', 'KRW', 'SGD', 'GBP', 'AUD', 'CAD'] as const

/** A money figure from a report: a decimal string in the report currency, or per-currency amounts where some had no exchange rate. */
export type MoneyValue = string | { currency: string; amount: string }[]

/** "CN¥1,200.00", or "CN¥1,200.00 + US$300.00" for per-currency amounts (never a partial total). */
export function formatMoneyValue(value: MoneyValue | null | undefined, currency: string): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.length ? value.map((p) => formatMoney(p.amount, p.currency)).join(' + ') : formatMoney('0', currency)
  return formatMoney(value, currency)
}
