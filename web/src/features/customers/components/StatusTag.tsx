import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { STATUS_COLORS, type CustomerStatus } from '../types'

export function StatusTag({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={STATUS_COLORS[status]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`customers.status.${status}`)}
    </Tag>
  )
}
