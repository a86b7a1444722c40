import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { ACTION_COLORS } from '../types'

export function AuditActionTag({ action }: { action: string }) {
  const { t, i18n } = useTranslation()
  const key = `audit.actions.${action}`
  return (
    <Tag color={ACTION_COLORS[action] ?? 'default'} bordered={false}>
      {i18n.exists(key) ? t(key) : action}
    </Tag>
  )
}
