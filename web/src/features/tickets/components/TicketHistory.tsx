import { ArrowRightOutlined, FlagOutlined, PlusCircleOutlined, RobotOutlined, SmileOutlined, SwapOutlined, UserSwitchOutlined, DeleteOutlined, UndoOutlined, LinkOutlined } from '@ant-design/icons'
import { Flex, Skeleton, Tag, Timeline, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { EMPTY } from '../../../lib/fieldDisplay'
import { useUserNames } from '../../users/hooks/useUserNames'
import { isAutomatic, pickString } from '../history'
import { useTicketHistory } from '../hooks/useTicketHistory'
import { TICKET_PRIORITIES, TICKET_STATUSES, type Ticket, type TicketEvent, type TicketPriority, type TicketStatus } from '../types'
import { TicketPriorityTag } from './TicketPriorityTag'
import { TicketStatusTag } from './TicketStatusTag'

const DOTS = {
  created: { icon: <PlusCircleOutlined />, color: 'green' },
  status: { icon: <SwapOutlined />, color: 'purple' },
  assigned: { icon: <UserSwitchOutlined />, color: 'blue' },
  priority: { icon: <FlagOutlined />, color: 'orange' },
  customer: { icon: <LinkOutlined />, color: 'cyan' },
  satisfaction: { icon: <SmileOutlined />, color: 'gold' },
  deleted: { icon: <DeleteOutlined />, color: 'red' },
  restored: { icon: <UndoOutlined />, color: 'green' },
} as const satisfies Record<TicketEvent['kind'], { icon: ReactNode; color: string }>

/** Every status, assignment (reassignments included), priority, customer and rating change, oldest first. */
export function TicketHistory({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const userNames = useUserNames()
  const history = useTicketHistory(ticket.id)
  if (history.isPending) return <Skeleton active />
  if (history.error) return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />
  if (history.data.length === 0) return <EmptyState title={t('tickets.history.empty')} />

  const none = <Typography.Text type="secondary">{EMPTY}</Typography.Text>
  const value = (e: TicketEvent, v: unknown): ReactNode => {
    if (e.kind === 'status') {
      const s = pickString(v, 'status')
      return s && TICKET_STATUSES.includes(s as TicketStatus) ? <TicketStatusTag status={s as TicketStatus} /> : none
    }
    if (e.kind === 'priority') {
      const p = pickString(v, 'priority')
      return p && TICKET_PRIORITIES.includes(p as TicketPriority) ? <TicketPriorityTag priority={p as TicketPriority} /> : none
    }
    if (e.kind === 'assigned') {
      const id = pickString(v, 'assigneeId')
      const name = pickString(v, 'name') ?? (id ? userNames.get(id) : null)
      return name ? <Typography.Text strong>{name}</Typography.Text> : <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>
    }
    if (e.kind === 'customer') {
      const name = pickString(v, 'name') ?? pickString(v, 'customerName')
      return name ? <Typography.Text strong>{name}</Typography.Text> : none
    }
    if (e.kind === 'satisfaction') {
      const n = pickString(v, 'satisfaction')
      return n ? t('tickets.rating.value', { value: n }) : none
    }
    return null
  }
  const label = (e: TicketEvent) => {
    if (e.kind !== 'assigned') return t(`tickets.history.${e.kind}`)
    if (!e.after || !pickString(e.after, 'assigneeId')) return t('tickets.history.unassigned')
    return e.before && pickString(e.before, 'assigneeId') ? t('tickets.history.reassigned') : t('tickets.history.assigned')
  }
  const change = (e: TicketEvent) => {
    if (e.kind === 'created') {
      const channel = pickString(e.after, 'channel')
      return channel ? <Typography.Text type="secondary">{t(`tickets.channel.${channel}`)}</Typography.Text> : null
    }
    if (e.kind === 'deleted' || e.kind === 'restored') return null
    return (
      <Flex gap={8} align="center" wrap>
        {e.before !== null && e.before !== undefined && (
          <>
            {value(e, e.before)}
            <ArrowRightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
          </>
        )}
        {value(e, e.after)}
        {e.kind === 'assigned' && isAutomatic(e.after) && (
          <Tag icon={<RobotOutlined />} bordered={false}>
            {t('tickets.history.auto')}
          </Tag>
        )}
      </Flex>
    )
  }

  return (
    <Timeline
      data-testid="ticket-history"
      style={{ paddingTop: 12 }}
      items={history.data.map((e) => ({
        key: e.id,
        color: DOTS[e.kind].color,
        dot: DOTS[e.kind].icon,
        children: (
          <div data-testid="history-entry" data-kind={e.kind}>
            <Flex gap={8} align="center" wrap>
              <Tag bordered={false} color={DOTS[e.kind].color}>
                {label(e)}
              </Tag>
              <Typography.Text strong>{e.actorName ?? t('audit.system')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <DateTime value={e.at} />
              </Typography.Text>
            </Flex>
            <div style={{ marginTop: 6 }}>{change(e)}</div>
          </div>
        ),
      }))}
    />
  )
}
