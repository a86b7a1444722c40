import { CheckCircleOutlined } from '@ant-design/icons'
import { Card, Divider, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Ticket } from '../types'
import { SatisfactionRating } from './SatisfactionRating'

/** The resolution (处理结果) and, once resolved, the customer's own satisfaction rating (read-only). */
export function ResolutionCard({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const finished = tk.status === 'resolved' || tk.status === 'closed'
  if (!finished && !tk.resolution) return null
  return (
    <Card
      size="small"
      data-testid="resolution-card"
      title={
        <span>
          <CheckCircleOutlined style={{ color: '#10b981', marginInlineEnd: 8 }} />
          {t('tickets.resolutionTitle')}
        </span>
      }
      style={{ borderColor: finished ? '#a7f3d0' : undefined }}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="ticket-resolution">
        {tk.resolution}
      </Typography.Paragraph>
      {finished && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <SatisfactionRating ticket={tk} />
        </>
      )}
    </Card>
  )
}
