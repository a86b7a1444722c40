import { ApiOutlined, AuditOutlined, ContactsOutlined, IdcardOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons'
import { Menu } from 'antd'
import type { MenuProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { useAuth } from '../features/auth/hooks/useAuth'

type Item = Required<MenuProps>['items'][number]

/** The sections of Kith this user may use. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const { hasRole } = useAuth()
  const isAdmin = hasRole('admin')
  const canAudit = hasRole('admin', 'manager')

  const admin: Item[] = [
    ...(isAdmin ? [{ key: '/users', icon: <UserOutlined />, label: t('nav.users') }, { key: '/teams', icon: <TeamOutlined />, label: t('nav.teams') }] : []),
    ...(canAudit ? [{ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') }] : []),
  ]
  const items: Item[] = [
    {
      type: 'group',
      key: 'crm',
      label: t('nav.crm'),
      children: [
        { key: '/customers', icon: <SolutionOutlined />, label: t('nav.customers') },
        { key: '/contacts', icon: <ContactsOutlined />, label: t('nav.contacts') },
      ],
    },
    ...(admin.length ? [{ type: 'group' as const, key: 'admin', label: t('nav.admin'), children: admin }] : []),
    {
      type: 'group',
      key: 'settings',
      label: t('nav.settings'),
      children: [
        { key: '/settings/profile', icon: <IdcardOutlined />, label: t('nav.profile') },
        { key: '/settings/tokens', icon: <ApiOutlined />, label: t('nav.tokens') },
      ],
    },
  ]
  const keys = ['/customers', '/contacts', '/users', '/teams', '/audit', '/settings/profile', '/settings/tokens']
  const selected = keys.find((k) => pathname === k || pathname.startsWith(`${k}/`))

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        navigate(key)
        onNavigate?.()
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  )
}
