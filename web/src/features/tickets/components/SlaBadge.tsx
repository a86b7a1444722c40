import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { Tag, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../../lib/format'
import { useDuration } from '../hooks/useDuration'
import { slaClock, type SlaState } from '../sla'

interface Props {
  /** Which target: first response or resolution. */
  kind: 'firstResponse' | 'resolution'
  dueAt: string | null | undefined
  doneAt: string | null | undefined
  /** The resolution clock stopped here (the ticket waits on the customer). */
  pausedAt?: string | null
  now: number
  /** Show "Response"/"Resolution" before the time. */
  showLabel?: boolean
}

const LOOK = {
  ok: { color: 'blue', icon: <ClockCircleOutlined /> },
  soon: { color: 'orange', icon: <WarningOutlined /> },
  overdue: { color: 'red', icon: <ExclamationCircleOutlined /> },
  met: { color: 'green', icon: <CheckCircleOutlined /> },
  paused: { color: 'default', icon: <PauseCircleOutlined /> },
  late: { color: 'volcano', icon: <CheckCircleOutlined /> },
  none: { color: 'default', icon: null },
} as const satisfies Record<SlaState, { color: string; icon: unknown }>

/** One SLA target: counts down while running, turns orange when close and red once breached. */
export function SlaBadge({ kind, dueAt, doneAt, pausedAt, now, showLabel = false }: Props) {
  const { t } = useTranslation()
  const duration = useDuration()
  const clock = slaClock(dueAt, doneAt, now, pausedAt)
  if (clock.state === 'none') return null
  const text =
    clock.state === 'met' || clock.state === 'late'
      ? t(`tickets.sla.${clock.state}`)
      : clock.state === 'paused'
        ? t('tickets.sla.paused', { time: duration(clock.remainingMs!) })
        : clock.remainingMs! < 0
          ? t('tickets.sla.overdueBy', { time: duration(clock.remainingMs!) })
          : t('tickets.sla.dueIn', { time: duration(clock.remainingMs!) })
  const look = LOOK[clock.state]
  const tip = `${t(`tickets.fields.${kind === 'firstResponse' ? 'firstResponseDueAt' : 'resolutionDueAt'}`)}: ${formatDateTime(dueAt)}${
    doneAt ? ` · ${t(`tickets.fields.${kind === 'firstResponse' ? 'firstRespondedAt' : 'resolvedAt'}`)}: ${formatDateTime(doneAt)}` : ''
  }${!doneAt && pausedAt ? ` · ${t('tickets.sla.pausedSince', { at: formatDateTime(pausedAt) })}` : ''}`
  return (
    <Tooltip title={tip}>
      <Tag color={look.color} icon={look.icon} bordered={false} data-testid="sla-badge" data-kind={kind} data-state={clock.state} style={{ marginInlineEnd: 0 }}>
        {showLabel && `${t(`tickets.sla.${kind}`)} · `}
        {text}
      </Tag>
    </Tooltip>
  )
}
