import { MailOutlined } from '@ant-design/icons'
import { Card, Flex, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../lib/format'
import { useTicketMails } from '../hooks/useTicketMails'
import type { Ticket, TicketMail } from '../types'

const COLORS: Record<TicketMail['state'], string> = { queued: 'default', sending: 'processing', sent: 'success', failed: 'error' }

/** What Kith mailed the requester (acknowledgement, replies, resolution and survey) and how each went. */
export function TicketMails({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const { data: mails = [] } = useTicketMails(ticket.id)
  if (!ticket.contactEmail && mails.length === 0) return null
  return (
    <Card
      size="small"
      data-testid="ticket-mails"
      title={
        <span>
          <MailOutlined style={{ marginInlineEnd: 8 }} />
          {t('tickets.mail.title')}
        </span>
      }
    >
      {mails.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.mail.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {mails.map((m) => (
            <Flex key={m.id} justify="space-between" align="baseline" gap={8} wrap data-testid="ticket-mail">
              <span>
                <Typography.Text strong>{t(`tickets.mail.kinds.${m.kind}`)}</Typography.Text>
                <Typography.Text type="secondary"> · {m.recipient}</Typography.Text>
              </span>
              <span>
                <Tooltip title={m.lastError ? (m.state === 'failed' ? m.lastError : t('tickets.mail.retrying', { error: m.lastError })) : undefined}>
                  <Tag color={m.state === 'queued' && m.lastError ? 'warning' : COLORS[m.state]} data-testid="ticket-mail-state">
                    {t(`tickets.mail.states.${m.state}`)}
                  </Tag>
                </Tooltip>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(m.sentAt ?? m.createdAt)}
                </Typography.Text>
              </span>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  )
}
