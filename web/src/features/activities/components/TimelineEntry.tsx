import { ArrowRightOutlined } from '@ant-design/icons'
import { Flex, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { StageTag } from '../../pipeline-stages/components/StageTag'
import { TicketStatusTag } from '../../tickets/components/TicketStatusTag'
import { TICKET_STATUSES, type TicketStatus } from '../../tickets/types'
import type { Activity, TimelineItem } from '../types'
import { ActivityItem } from './ActivityItem'

interface Props {
  item: TimelineItem
  toggling?: boolean
  onToggle: (a: Activity, done: boolean) => Promise<boolean>
  onDelete: (a: Activity) => void
}

const KIND_COLORS = { activity: 'default', stage_change: 'purple', opportunity_created: 'gold', lead_converted: 'cyan', ticket: 'red' } as const

/**
 * What the server puts in `detail`: for a stage change the stage keys "before → after", for a new
 * deal its first stage, for a converted lead the lead's name, for a ticket its status (shown in the
 * title line). Stage keys are shown by their names.
 */
function EventDetail({ item }: { item: TimelineItem }) {
  const { t } = useTranslation()
  if (!item.detail || item.kind === 'ticket') return null
  if (item.kind === 'stage_change') {
    const [before, after] = item.detail.includes(' → ') ? item.detail.split(' → ') : [null, item.detail]
    return (
      <Flex gap={8} align="center" wrap>
        {before && <StageTag stage={before} />}
        {before && <ArrowRightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
        {after && <StageTag stage={after} />}
      </Flex>
    )
  }
  if (item.kind === 'opportunity_created') {
    return (
      <Flex gap={6} align="center" wrap>
        <Typography.Text type="secondary">{t('timeline.createdIn')}</Typography.Text>
        <StageTag stage={item.detail} />
      </Flex>
    )
  }
  return <Typography.Text type="secondary">{t('timeline.convertedFrom', { name: item.detail })}</Typography.Text>
}

/** A ticket's `title` is "number subject" (the number has no spaces); its `detail` is the status. */
function TicketTitle({ item }: { item: TimelineItem }) {
  const cut = item.title.indexOf(' ')
  const number = cut < 0 ? item.title : item.title.slice(0, cut)
  const subject = cut < 0 ? '' : item.title.slice(cut + 1)
  const status = TICKET_STATUSES.includes(item.detail as TicketStatus) ? (item.detail as TicketStatus) : null
  return (
    <>
      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
        <Link to={`/tickets/${item.id}`}>{subject ? `${number} · ${subject}` : number}</Link>
      </Typography.Text>
      {status && <Typography.Text type="secondary">·</Typography.Text>}
      {status && <TicketStatusTag status={status} />}
    </>
  )
}

/** One entry of a customer's timeline: an activity, an event on one of his deals or leads, or one of his tickets. */
export function TimelineEntry({ item, toggling, onToggle, onDelete }: Props) {
  const { t } = useTranslation()
  if (item.kind === 'activity' && item.activity) {
    return <ActivityItem activity={item.activity} hideIcon toggling={toggling} onToggle={onToggle} onDelete={onDelete} showLinks="others" />
  }
  // A conversion's title is the customer himself; the other events are about a deal.
  const title: ReactNode = item.opportunityId && item.kind !== 'lead_converted' ? <Link to={`/opportunities/${item.opportunityId}`}>{item.title}</Link> : item.title
  return (
    <div data-testid="timeline-event" data-kind={item.kind}>
      <Flex gap={8} align="center" wrap>
        <Tag color={KIND_COLORS[item.kind]} bordered={false} style={{ marginInlineEnd: 0 }}>
          {t(`timeline.kind.${item.kind}`)}
        </Tag>
        {item.kind === 'ticket' ? (
          <TicketTitle item={item} />
        ) : (
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {title}
          </Typography.Text>
        )}
      </Flex>
      <div style={{ marginTop: 6 }}>
        <EventDetail item={item} />
      </div>
      <Flex gap={8} style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>
        <span>{item.actorName ?? t('audit.system')}</span>
        <DateTime value={item.at} relative />
      </Flex>
    </div>
  )
}
