import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons'
import { Button, Drawer, Flex, Grid, Layout } from 'antd'
import { Fragment, lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet } from 'react-router'
import { FullPageSpin } from '../components/FullPageSpin'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { Logo } from '../components/Logo'
import { UserMenu } from '../features/auth/components/UserMenu'
import { useCompanyProfile } from '../features/company/hooks/useCompanyProfile'
import { useAuth } from '../features/auth/hooks/useAuth'
import { setTimeZones } from '../lib/format'
import { NavMenu } from './NavMenu'

const SIDER_WIDTH = 232
// Loaded right after the shell: keeps the select machinery and phone metadata out of the first chunk.
const GlobalSearch = lazy(() => import('../features/search/components/GlobalSearch').then((m) => ({ default: m.GlobalSearch })))

/** Navigation on the left (a drawer on narrow screens), header with search, language and account. */
export function AppLayout() {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const desktop = screens.lg ?? true
  const [collapsed, setCollapsed] = useState(false)
  const [drawerOpen, setDrawerOpen] = useState(false)
  // Asked for on every page: a new record's form takes the company currency as it opens.
  const company = useCompanyProfile()
  const { user } = useAuth()
  // Times are shown in the user's own zone, else the company's; set before the page renders, and
  // the page is drawn afresh when the zone changes (the profile loads, the user picks another).
  const zone = user.timeZone ?? company.data?.timeZone
  setTimeZones({ user: user.timeZone, company: company.data?.timeZone })

  const brand = (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', height: 60, paddingInline: collapsed && desktop ? 24 : 20 }} aria-label={t('nav.home')}>
      <Logo compact={collapsed && desktop} />
    </Link>
  )

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {desktop ? (
        <Layout.Sider
          width={SIDER_WIDTH}
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          trigger={null}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto', borderInlineEnd: '1px solid #eef0f4' }}
        >
          {brand}
          <NavMenu />
        </Layout.Sider>
      ) : (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" width={SIDER_WIDTH + 24} closable={false} styles={{ body: { padding: 0 } }}>
          {brand}
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{ position: 'sticky', top: 0, zIndex: 10, borderBottom: '1px solid #eef0f4', paddingInline: desktop ? 24 : 12, display: 'flex', alignItems: 'center', gap: 12 }}
        >
          <Button
            type="text"
            aria-label={t('nav.toggle')}
            icon={desktop ? collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined /> : <MenuOutlined />}
            onClick={() => (desktop ? setCollapsed(!collapsed) : setDrawerOpen(true))}
          />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Suspense fallback={null}>
              <GlobalSearch width={screens.md ? 380 : '100%'} />
            </Suspense>
          </div>
          <Flex align="center" gap={4}>
            <LanguageSwitch showLabel={screens.sm} />
            <UserMenu compact={!screens.md} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: desktop ? '24px 28px' : 12, maxWidth: 1600, width: '100%', margin: '0 auto' }}>
          <Suspense fallback={<FullPageSpin />}>
            {company.isPending ? (
              <FullPageSpin />
            ) : (
              <Fragment key={zone ?? ''}>
                <Outlet />
              </Fragment>
            )}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
