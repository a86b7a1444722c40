import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { ROLE_COLORS, type Role } from '../types'

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation()
  return (
    <Tag color={ROLE_COLORS[role]} bordered={false}>
      {t(`roles.${role}`)}
    </Tag>
  )
}
