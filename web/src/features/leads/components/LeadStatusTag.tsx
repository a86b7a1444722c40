import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { LEAD_STATUS_COLORS, type LeadStatus } from '../types'

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={LEAD_STATUS_COLORS[status]} bordered={false} style={{ marginInlineEnd: 0 }} data-testid="lead-status">
      {t(`leads.status.${status}`)}
    </Tag>
  )
}
