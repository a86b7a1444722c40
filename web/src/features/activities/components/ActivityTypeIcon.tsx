import { CalendarOutlined, CheckSquareOutlined, FileTextOutlined, MailOutlined, PhoneOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { TYPE_COLORS, type ActivityType } from '../types'

const ICONS = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <CalendarOutlined />,
  note: <FileTextOutlined />,
  task: <CheckSquareOutlined />,
} as const satisfies Record<ActivityType, ReactNode>

export const activityIcon = (type: ActivityType) => ICONS[type]

/** A round badge with the activity type's icon and colour. */
export function ActivityTypeIcon({ type, size = 28 }: { type: ActivityType; size?: number }) {
  const { t } = useTranslation()
  return (
    <span
      role="img"
      aria-label={t(`activities.type.${type}`)}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: size,
        height: size,
        borderRadius: '50%',
        flexShrink: 0,
        background: `${TYPE_COLORS[type]}1a`,
        color: TYPE_COLORS[type],
        fontSize: size * 0.5,
      }}
    >
      {ICONS[type]}
    </span>
  )
}
