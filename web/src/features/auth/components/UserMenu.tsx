import { ApiOutlined, DownOutlined, IdcardOutlined, LogoutOutlined } from '@ant-design/icons'
import { Avatar, Button, Dropdown, Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useAuth } from '../hooks/useAuth'
import { useLogout } from '../hooks/useLogout'

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { user } = useAuth()
  const logout = useLogout()
  const initial = Array.from(user.name.trim())[0]?.toUpperCase() ?? '?'

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', type: 'group', label: <Typography.Text type="secondary">{user.email}</Typography.Text> },
          { key: 'profile', icon: <IdcardOutlined />, label: t('nav.profile') },
          { key: 'tokens', icon: <ApiOutlined />, label: t('nav.tokens') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('auth.signOut'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'profile') navigate('/settings/profile')
          if (key === 'tokens') navigate('/settings/tokens')
          if (key === 'logout') logout.mutate()
        },
      }}
    >
      <Button type="text" style={{ height: 40, paddingInline: 6 }} data-testid="user-menu" aria-label={t('header.account')}>
        <Flex align="center" gap={8}>
          <Avatar size={28} style={{ background: '#4f46e5' }}>
            {initial}
          </Avatar>
          {!compact && (
            <>
              <Typography.Text style={{ maxWidth: 140 }} ellipsis>
                {user.name}
              </Typography.Text>
              <DownOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }} />
            </>
          )}
        </Flex>
      </Button>
    </Dropdown>
  )
}
