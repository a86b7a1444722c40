import { useTranslation } from 'react-i18next'

/** "Q-2026-0007", with " rev 2" / "（第 2 版）" from the second revision on. */
export function QuoteNumber({ quote }: { quote: { number: string; revision: number } }) {
  const { t } = useTranslation()
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {quote.number}
      {quote.revision > 1 && <span style={{ fontWeight: 'normal', opacity: 0.75 }}> {t('quotes.rev', { revision: quote.revision })}</span>}
    </span>
  )
}
