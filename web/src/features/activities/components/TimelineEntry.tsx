import { ArrowRightOutlined } from '@ant-design/icons'
import { Flex, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { StageTag } from '../../pipeline-stages/components/StageTag'
import type { Activity, TimelineItem } from '../types'
import { ActivityItem } from './ActivityItem'

interface Props {
  item: TimelineItem
  toggling?: boolean
  onToggle: (a: Activity, done: boolean) => Promise<boolean>
  onDelete: (a: Activity) => void
}

const KIND_COLORS = { activity: 'default', stage_change: 'purple', opportunity_created: 'gold', lead_converted: 'cyan' } as const

/**
 * What the server puts in `detail`: for a stage change the stage keys "before → after", for a new
 * deal its first stage, for a converted lead the lead's name. Stage keys are shown by their names.
 */
function EventDetail({ item }: { item: TimelineItem }) {
  const { t } = useTranslation()
  if (!item.detail) return null
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

/** One entry of a customer's timeline: an activity, or an event on one of his deals or leads. */
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
        <Typography.Text strong style={{ wordBreak: 'break-word' }}>
          {title}
        </Typography.Text>
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
