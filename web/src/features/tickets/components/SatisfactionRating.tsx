import { Flex, Rate, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../lib/format'
import type { Ticket } from '../types'

/**
 * The customer's satisfaction 1–5 and what he wrote, as he gave them in the survey mailed with the
 * resolution: read-only for everyone (the agent cannot rate for him).
 */
export function SatisfactionRating({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const labels = t('tickets.rating.labels', { returnObjects: true }) as string[]
  const rated = ticket.satisfaction !== null
  return (
    <Flex vertical gap={6} data-testid="ticket-satisfaction">
      <Typography.Text type="secondary">{t('tickets.rating.title')}</Typography.Text>
      <Flex align="center" gap={12} wrap>
        <Rate value={ticket.satisfaction ?? 0} tooltips={labels} disabled aria-label={t('tickets.rating.title')} />
        <Typography.Text type={rated ? undefined : 'secondary'} data-testid="satisfaction-text">
          {rated ? `${labels[ticket.satisfaction! - 1]} · ${t('tickets.rating.value', { value: ticket.satisfaction })}` : t('tickets.rating.notYet')}
        </Typography.Text>
      </Flex>
      {ticket.satisfactionComment ? (
        <Typography.Paragraph data-testid="satisfaction-comment" style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          “{ticket.satisfactionComment}”
        </Typography.Paragraph>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="satisfaction-source">
        {rated && ticket.satisfactionAt
          ? t('tickets.rating.byCustomer', { time: formatDateTime(ticket.satisfactionAt) })
          : ticket.contactEmail
            ? t('tickets.rating.surveySent', { email: ticket.contactEmail })
            : t('tickets.rating.noEmail')}
      </Typography.Text>
    </Flex>
  )
}
