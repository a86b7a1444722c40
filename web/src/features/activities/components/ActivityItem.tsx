import { DeleteOutlined } from '@ant-design/icons'
import { Button, Checkbox, Flex, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import type { Activity } from '../types'
import { ActivityLinksText } from './ActivityLinksText'
import { ActivityTypeIcon } from './ActivityTypeIcon'

interface Props {
  activity: Activity
  /** Show links to the customer / deal / lead it belongs to ('others': all but the customer's). */
  showLinks?: boolean | 'others'
  /** Leave out the type icon (the timeline draws its own). */
  hideIcon?: boolean
  toggling?: boolean
  /** Resolves to whether the server saved it. */
  onToggle?: (a: Activity, done: boolean) => Promise<boolean>
  onDelete?: (a: Activity) => void
}

/** One call, meeting, e-mail, note or task; a task has a checkbox to complete it. */
export function ActivityItem({ activity: a, showLinks, hideIcon, toggling, onToggle, onDelete }: Props) {
  const { t } = useTranslation()
  const isTask = a.type === 'task'
  const done = Boolean(a.completedAt)
  // The tick shows at once; the saved state takes over when the server answers (or refuses).
  const [ticked, setTicked] = useState<boolean | null>(null)
  useEffect(() => setTicked(null), [a.completedAt, a.version])
  const overdue = isTask && !done && a.dueAt !== null && new Date(a.dueAt).getTime() < Date.now()

  return (
    <Flex gap={12} align="flex-start" data-testid="activity-item" data-activity-id={a.id}>
      {isTask && onToggle ? (
        <Checkbox
          checked={ticked ?? done}
          disabled={toggling}
          onChange={(e) => {
            setTicked(e.target.checked)
            void onToggle(a, e.target.checked).then((saved) => !saved && setTicked(null))
          }}
          aria-label={t('activities.markDone', { subject: a.subject })}
          style={{ marginTop: 4 }}
        />
      ) : (
        !hideIcon && <ActivityTypeIcon type={a.type} />
      )}
      <div style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong delete={done} style={{ wordBreak: 'break-word' }}>
            {a.subject}
          </Typography.Text>
          <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
            {t(`activities.type.${a.type}`)}
          </Tag>
          {isTask && done && <Tag color="green" bordered={false}>{t('activities.done')}</Tag>}
          {overdue && <Tag color="red" bordered={false}>{t('activities.overdue')}</Tag>}
        </Flex>
        {a.body && (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }} ellipsis={{ rows: 4, expandable: true, symbol: t('common.more') }}>
            {a.body}
          </Typography.Paragraph>
        )}
        <Flex gap={8} wrap style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>
          {a.ownerName && <span>{a.ownerName}</span>}
          <DateTime value={a.createdAt} relative />
          {isTask && a.dueAt && (
            <span style={{ color: overdue ? '#dc2626' : undefined }}>
              {t('activities.dueAt')} <DateTime value={a.dueAt} />
            </span>
          )}
        </Flex>
        {showLinks && <ActivityLinksText activity={a} hideCustomer={showLinks === 'others'} />}
      </div>
      {onDelete && <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => onDelete(a)} />}
    </Flex>
  )
}
