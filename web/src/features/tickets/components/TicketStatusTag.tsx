import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { STATUS_COLORS, type TicketStatus } from '../types'

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={STATUS_COLORS[status]} bordered={false} style={{ marginInlineEnd: 0 }} data-testid="ticket-status">
      {t(`tickets.status.${status}`)}
    </Tag>
  )
}
