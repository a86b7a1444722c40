import { EditOutlined, PlusOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons'
import { App, Badge, Button, Card, Flex, Popconfirm, Select, Space, Table, Typography } from 'antd'
import { ResetTwoFactorButton } from '../../two-factor/components/ResetTwoFactorButton'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { DateTime } from '../../../components/DateTime'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useAuth } from '../../auth/hooks/useAuth'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { useTeams } from '../../teams/hooks/useTeams'
import { useDeactivateUser } from '../hooks/useDeactivateUser'
import { useUserList } from '../hooks/useUserList'
import { ROLES, type Role, type User } from '../types'
import { RoleTag } from './RoleTag'
import { UserFormModal } from './UserFormModal'

export default function UsersPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { user: me } = useAuth()
  const [q, setQ] = useState('')
  const [role, setRole] = useState<Role>()
  const [teamId, setTeamId] = useState<string>()
  const [active, setActive] = useState<boolean | undefined>(true)
  const params = { q: q.trim() || undefined, role, teamId, active, limit: 50 }
  const pager = useCursorPager(JSON.stringify(params))
  const query = useUserList({ ...params, cursor: pager.cursor })
  const teams = useTeams()
  const teamName = new Map((teams.data ?? []).map((x) => [x.id, x.name]))
  const deactivate = useDeactivateUser()
  const notifyError = useNotifyError()
  const [editing, setEditing] = useState<User | 'new' | null>(null)

  const columns: TableProps<User>['columns'] = [
    {
      key: 'name',
      title: t('users.fields.name'),
      width: 240,
      render: (_, u) => (
        <div>
          <Typography.Text strong>{u.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {u.email}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'role', title: t('users.fields.role'), width: 120, render: (_, u) => <RoleTag role={u.role} /> },
    { key: 'team', title: t('users.fields.teamId'), width: 150, render: (_, u) => (u.teamId ? teamName.get(u.teamId) : null) },
    {
      key: 'active',
      title: t('users.fields.active'),
      width: 110,
      render: (_, u) => <Badge status={u.active ? 'success' : 'default'} text={u.active ? t('users.active') : t('users.inactive')} />,
    },
    { key: 'locale', title: t('users.fields.locale'), width: 100, render: (_, u) => (u.locale ? t(`languages.${u.locale}`) : t('users.localeAuto')) },
    { key: 'createdAt', title: t('users.fields.createdAt'), width: 170, render: (_, u) => <DateTime value={u.createdAt} /> },
    {
      key: 'actions',
      title: '',
      width: 128,
      align: 'right',
      render: (_, u) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(u)} />
          {u.id !== me.id && <ResetTwoFactorButton userId={u.id} />}
          {u.active && u.id !== me.id && (
            <Popconfirm
              title={t('users.deactivateTitle', { name: u.name })}
              description={t('users.deactivateBody')}
              okText={t('users.deactivate')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => deactivate.mutate(u.id, { onSuccess: () => message.success(t('users.deactivated', { name: u.name })), onError: notifyError })}
            >
              <Button type="text" size="small" danger icon={<StopOutlined />} aria-label={t('users.deactivate')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('users.new')}
    </Button>
  )
  return (
    <>
      <PageHeader title={t('users.title')} actions={newButton} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <DebouncedInput value={q} onChange={setQ} prefix={<SearchOutlined />} placeholder={t('users.searchPlaceholder')} aria-label={t('users.searchPlaceholder')} style={{ width: 260 }} />
          <Select allowClear value={role} onChange={setRole} placeholder={t('users.fields.role')} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} style={{ width: 140 }} />
          <TeamSelect value={teamId} onChange={setTeamId} style={{ width: 160 }} placeholder={t('users.fields.teamId')} />
          <Select
            value={active === undefined ? 'all' : String(active)}
            onChange={(v) => setActive(v === 'all' ? undefined : v === 'true')}
            options={[
              { value: 'true', label: t('users.active') },
              { value: 'false', label: t('users.inactive') },
              { value: 'all', label: t('common.all') },
            ]}
            style={{ width: 120 }}
          />
        </Flex>
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Table<User>
              rowKey="id"
              columns={columns}
              dataSource={query.data?.items ?? []}
              loading={query.isFetching}
              pagination={false}
              scroll={{ x: 980 }}
              locale={{ emptyText: query.isPending ? ' ' : <EmptyState title={t('users.emptyTitle')} /> }}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Card>
      <UserFormModal open={editing !== null} user={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  )
}
