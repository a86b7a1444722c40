import {
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  StopOutlined,
  BarChartOutlined,
  HomeOutlined,
  BranchesOutlined,
  CheckSquareOutlined,
  CustomerServiceOutlined,
  ContactsOutlined,
  CloudUploadOutlined,
  FileTextOutlined,
  FundOutlined,
  IdcardOutlined,
  MailOutlined,
  NotificationOutlined,
  NodeIndexOutlined,
  RocketOutlined,
  ShopOutlined,
  LockOutlined,
  CloudDownloadOutlined,
  SafetyOutlined,
  ShoppingOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  TransactionOutlined,
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
          { key: '/service-settings', icon: <SafetyCertificateOutlined />, label: t('serviceSettings.nav') },
        ]
      : []),
    ...(canAudit ? [{ key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') }] : []),
  ]
  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: t('dashboard.nav') },
    { key: '/reports', icon: <BarChartOutlined />, label: t('reports.nav') },
    {
      type: 'group',
      key: 'crm',
      label: t('nav.crm'),
      children: [
        { key: '/customers', icon: <SolutionOutlined />, label: t('nav.customers') },
        { key: '/contacts', icon: <ContactsOutlined />, label: t('nav.contacts') },
        { key: '/import', icon: <CloudUploadOutlined />, label: t('imports.title') },
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
        { key: '/quotes', icon: <FileTextOutlined />, label: t('quotes.nav') },
        { key: '/orders', icon: <ShoppingOutlined />, label: t('orders.nav') },
        { key: '/products', icon: <AppstoreOutlined />, label: t('products.nav') },
      ],
    },
    // Marketing has no part in service tickets; sales reads those of its customers.
    ...(hasRole('admin', 'manager', 'support', 'sales')
      ? [{ type: 'group' as const, key: 'service', label: t('tickets.nav.group'), children: [{ key: '/tickets', icon: <CustomerServiceOutlined />, label: t('tickets.nav.inbox') }] }]
      : []),
    ...(hasRole('admin', 'marketing', 'manager')
      ? [
          {
            type: 'group' as const,
            key: 'marketing',
            label: t('campaigns.nav.group'),
            children: [
              { key: '/campaigns', icon: <NotificationOutlined />, label: t('campaigns.nav.campaigns') },
              { key: '/mailing-lists', icon: <MailOutlined />, label: t('campaigns.nav.mailingLists') },
            ],
          },
        ]
      : []),
    ...(admin.length ? [{ type: 'group' as const, key: 'admin', label: t('nav.admin'), children: admin }] : []),
    {
      type: 'group',
      key: 'settings',
      label: t('nav.settings'),
      children: [
        { key: '/settings/profile', icon: <IdcardOutlined />, label: t('nav.profile') },
        { key: '/settings/tokens', icon: <ApiOutlined />, label: t('nav.tokens') },
        ...(isAdmin ? [{ key: '/settings/company', icon: <ShopOutlined />, label: t('company.nav') }] : []),
        ...(isAdmin ? [{ key: '/settings/exchange-rates', icon: <TransactionOutlined />, label: t('rates.nav') }] : []),
        ...(isAdmin ? [{ key: '/settings/security', icon: <SafetyOutlined />, label: t('security.nav') }] : []),
        ...(isAdmin ? [{ key: '/settings/lost-reasons', icon: <StopOutlined />, label: t('lostReasons.nav') }] : []),
        ...(isAdmin ? [{ key: '/settings/encryption', icon: <LockOutlined />, label: t('encryption.nav') }] : []),
        ...(isAdmin ? [{ key: '/settings/backups', icon: <CloudDownloadOutlined />, label: t('backups.nav') }] : []),
      ],
    },
  ]
  const keys = ['/reports', '/campaigns', '/mailing-lists', '/customers', '/contacts', '/leads', '/opportunities', '/tasks', '/quotes', '/orders', '/products', '/tickets', '/service-settings', '/users', '/teams', '/pipeline-stages', '/lead-routing', '/audit', '/settings/profile', '/settings/tokens', '/settings/company', '/settings/exchange-rates', '/settings/security', '/settings/lost-reasons', '/settings/encryption', '/settings/backups']
  const section = keys.find((k) => pathname === k || pathname.startsWith(`${k}/`))
  // The deals entry opens the board; list, board and a deal's page all light it up.
  const selected = pathname === '/' ? '/' : section === '/opportunities' ? '/opportunities/board' : section

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
