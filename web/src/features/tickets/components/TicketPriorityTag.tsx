import { ArrowDownOutlined, ArrowUpOutlined, FireOutlined, MinusOutlined } from '@ant-design/icons'
import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { PRIORITY_COLORS, type TicketPriority } from '../types'

const ICONS = { low: <ArrowDownOutlined />, normal: <MinusOutlined />, high: <ArrowUpOutlined />, urgent: <FireOutlined /> } as const satisfies Record<TicketPriority, unknown>

export function TicketPriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation()
  return (
    <Tag color={PRIORITY_COLORS[priority]} icon={ICONS[priority]} bordered={false} style={{ marginInlineEnd: 0 }} data-testid="ticket-priority">
      {t(`tickets.priority.${priority}`)}
    </Tag>
  )
}
