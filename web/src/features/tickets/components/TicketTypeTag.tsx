import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { TYPE_COLORS, type TicketType } from '../types'

export function TicketTypeTag({ type }: { type: TicketType }) {
  const { t } = useTranslation()
  return (
    <Tag color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }}>
      {t(`tickets.type.${type}`)}
    </Tag>
  )
}
