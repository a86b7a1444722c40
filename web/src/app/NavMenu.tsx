import {
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  FundOutlined,
  IdcardOutlined,
  NodeIndexOutlined,
  RocketOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
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
    ...(isAdmin
      ? [
          { key: '/users', icon: <UserOutlined />, label: t('nav.users') },
          { key: '/teams', icon: <TeamOutlined />, label: t('nav.teams') },
          { key: '/pipeline-stages', icon: <NodeIndexOutlined />, label: t('nav.stages') },
          { key: '/lead-routing', icon: <BranchesOutlined />, label: t('nav.leadRouting') },
        ]
      : []),
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
    {
      type: 'group',
      key: 'sales',
      label: t('nav.sales'),
      children: [
        { key: '/leads', icon: <RocketOutlined />, label: t('nav.leads') },
        { key: '/opportunities/board', icon: <FundOutlined />, label: t('nav.opportunities') },
        { key: '/tasks', icon: <CheckSquareOutlined />, label: t('nav.tasks') },
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
  const keys = ['/customers', '/contacts', '/leads', '/opportunities', '/tasks', '/users', '/teams', '/pipeline-stages', '/lead-routing', '/audit', '/settings/profile', '/settings/tokens']
  const section = keys.find((k) => pathname === k || pathname.startsWith(`${k}/`))
  // The deals entry opens the board; list, board and a deal's page all light it up.
  const selected = section === '/opportunities' ? '/opportunities/board' : section

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
