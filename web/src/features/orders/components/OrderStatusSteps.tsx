import { Steps } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDate, formatDay } from '../../../lib/format'
import { ORDER_FLOW, type Order } from '../types'

/** pending → confirmed → shipped → delivered, with the dates known; a cancelled order shows that instead. */
export function OrderStatusSteps({ order: o }: { order: Order }) {
  const { t } = useTranslation()
  if (o.status === 'cancelled') {
    return (
      <Steps
        size="small"
        current={1}
        status="error"
        data-testid="order-steps"
        items={[
          { title: t('orders.status.pending'), description: formatDate(o.orderedAt) },
          { title: t('orders.status.cancelled'), description: formatDate(o.cancelledAt) },
        ]}
      />
    )
  }
  const current = ORDER_FLOW.indexOf(o.status)
  const when: Partial<Record<(typeof ORDER_FLOW)[number], string>> = {
    pending: formatDate(o.orderedAt),
    shipped: o.shipDate ? formatDay(o.shipDate) : undefined,
    delivered: o.deliveredAt ? formatDate(o.deliveredAt) : undefined,
  }
  return (
    <Steps
      size="small"
      current={current}
      status={o.status === 'delivered' ? 'finish' : 'process'}
      responsive
      data-testid="order-steps"
      items={ORDER_FLOW.map((s, i) => ({ title: t(`orders.status.${s}`), description: i <= current ? when[s] : undefined }))}
    />
  )
}
