import { CustomerServiceOutlined, FundOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons'
import type { TimelineItem } from '../types'
import { ActivityTypeIcon } from './ActivityTypeIcon'

const EVENT_STYLE = {
  stage_change: { icon: <SwapOutlined />, color: '#7c3aed' },
  opportunity_created: { icon: <FundOutlined />, color: '#d97706' },
  lead_converted: { icon: <UserAddOutlined />, color: '#0891b2' },
  ticket: { icon: <CustomerServiceOutlined />, color: '#ef4444' },
} as const

/** The dot of a timeline entry: the activity type's icon, or one per kind of event. */
export function TimelineIcon({ item }: { item: TimelineItem }) {
  if (item.kind === 'activity') return <ActivityTypeIcon type={item.activity?.type ?? 'note'} size={26} />
  const s = EVENT_STYLE[item.kind]
  return (
    <span
      aria-hidden="true"
      style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 26, height: 26, borderRadius: '50%', background: `${s.color}1a`, color: s.color, fontSize: 13 }}
    >
      {s.icon}
    </span>
  )
}
