import i18n from 'i18next'

const lang = () => i18n.language || 'en'

/**
 * A rate 0–1 (or a decimal-string ratio such as ROI "1.5") as a percentage in the UI's language:
 * "12.5%"; "—" when there is no base. Intl formats decimal strings exactly.
 */
export function formatPercent(rate: number | string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '—'
  return new Intl.NumberFormat(lang(), { style: 'percent', maximumFractionDigits: 1 }).format(rate as number)
}
