import { Flex, Rate, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useTicketMutation } from '../hooks/useTicketMutation'
import type { Ticket } from '../types'

/**
 * Customer satisfaction 1–5 and what the customer said, asked once the ticket is resolved;
 * read-only for those who do not work tickets.
 */
export function SatisfactionRating({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation()
  const mutation = useTicketMutation(ticket)
  const labels = t('tickets.rating.labels', { returnObjects: true }) as string[]
  const value = ticket.satisfaction ?? 0
  return (
    <Flex vertical gap={6} data-testid="ticket-satisfaction">
      <Typography.Text type="secondary">{ticket.satisfaction ? t('tickets.rating.title') : t('tickets.rating.ask')}</Typography.Text>
      <Flex align="center" gap={12} wrap>
        <Rate
          value={value}
          tooltips={labels}
          disabled={!editable || mutation.isPending}
          allowClear={false}
          aria-label={t('tickets.rating.title')}
          onChange={(satisfaction) => void mutation.change({ satisfaction }, { success: t('tickets.rating.saved') })}
        />
        <Typography.Text type={ticket.satisfaction ? undefined : 'secondary'} data-testid="satisfaction-text">
          {ticket.satisfaction ? `${labels[ticket.satisfaction - 1]} · ${t('tickets.rating.value', { value: ticket.satisfaction })}` : t('tickets.rating.notYet')}
        </Typography.Text>
      </Flex>
      {(ticket.satisfaction || ticket.satisfactionComment) && (editable || ticket.satisfactionComment) ? (
        <Typography.Paragraph
          data-testid="satisfaction-comment"
          type={ticket.satisfactionComment ? undefined : 'secondary'}
          style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
          editable={
            editable && !mutation.isPending
              ? {
                  text: ticket.satisfactionComment ?? '',
                  maxLength: 2000,
                  tooltip: t('tickets.rating.editComment'),
                  onChange: (text) => {
                    const satisfactionComment = text.trim() || null
                    if (satisfactionComment !== ticket.satisfactionComment) void mutation.change({ satisfactionComment }, { success: t('tickets.rating.commentSaved') })
                  },
                }
              : false
          }
        >
          {ticket.satisfactionComment ?? t('tickets.rating.commentPlaceholder')}
        </Typography.Paragraph>
      ) : null}
    </Flex>
  )
}
