import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { QUOTE_STATUS_COLORS, type QuoteStatus } from '../types'

export function QuoteStatusTag({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={QUOTE_STATUS_COLORS[status]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`quotes.status.${status}`)}
    </Tag>
  )
}
