import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { ORDER_STATUS_COLORS, type OrderStatus } from '../types'

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={ORDER_STATUS_COLORS[status]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`orders.status.${status}`)}
    </Tag>
  )
}
