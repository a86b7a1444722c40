import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Money } from '../../../components/Money'
import type { QuoteTotals as Totals } from '../lines'

const ZERO = /^0(\.0+)?$/

/** Subtotal, discount, tax and total, right-aligned; dashes while a line is incomplete. */
export function QuoteTotals({ totals, currency }: { totals: Totals | null; currency: string }) {
  const { t } = useTranslation()
  const row = (key: keyof Totals, strong = false) => (
    <div key={key} style={{ display: 'flex', justifyContent: 'space-between', gap: 24, fontSize: strong ? 16 : undefined }}>
      <Typography.Text type={strong ? undefined : 'secondary'} strong={strong}>
        {t(`quotes.totals.${key}`)}
      </Typography.Text>
      <span data-testid={`quote-${key}`}>
        {totals ? <Money amount={key === 'discountTotal' && !ZERO.test(totals[key]) ? `-${totals[key]}` : totals[key]} currency={currency} strong={strong} /> : '—'}
      </span>
    </div>
  )
  return (
    <div style={{ minWidth: 240, display: 'grid', gap: 4 }} aria-live="polite">
      {row('subtotal')}
      {row('discountTotal')}
      {row('taxTotal')}
      <div style={{ borderTop: '1px solid rgba(0,0,0,0.08)', margin: '4px 0' }} />
      {row('total', true)}
    </div>
  )
}
