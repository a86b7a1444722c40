import { CustomerServiceOutlined, LockOutlined, MessageOutlined } from '@ant-design/icons'
import { Flex, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import type { TicketComment } from '../types'

const LOOK = {
  internal: { background: '#fffbeb', border: '#fcd34d', color: 'gold', icon: <LockOutlined /> },
  public: { background: '#eef2ff', border: '#c7d2fe', color: 'geekblue', icon: <MessageOutlined /> },
  customer: { background: '#f8fafc', border: '#e2e8f0', color: 'default', icon: <CustomerServiceOutlined /> },
} as const

/**
 * One entry of the process log. Internal notes are amber with a lock, replies to the customer
 * indigo, and what the customer said grey, so nobody mistakes a note for something the customer saw.
 */
export function CommentItem({ comment: c }: { comment: TicketComment }) {
  const { t } = useTranslation()
  const kind = c.internal ? 'internal' : c.fromCustomer ? 'customer' : 'public'
  const look = LOOK[kind]
  const tag = { internal: 'internalTag', public: 'publicTag', customer: 'customerTag' }[kind]
  return (
    <div
      data-testid="ticket-comment"
      data-kind={kind}
      style={{
        background: look.background,
        border: `1px solid ${look.border}`,
        borderStyle: kind === 'internal' ? 'dashed' : 'solid',
        borderRadius: 8,
        padding: '10px 14px',
        marginInlineStart: kind === 'customer' ? 0 : 24,
        marginInlineEnd: kind === 'customer' ? 24 : 0,
      }}
    >
      <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
        <Tag color={look.color} icon={look.icon} bordered={false} style={{ marginInlineEnd: 0 }}>
          {t(`tickets.log.${tag}`)}
        </Tag>
        <Typography.Text strong>{c.authorName ?? t('tickets.log.system')}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <DateTime value={c.createdAt} />
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.body}</Typography.Paragraph>
    </div>
  )
}
