import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Popconfirm, Space, Table } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { formatNumber } from '../../../lib/format'
import { useDeleteTeam } from '../hooks/useDeleteTeam'
import { useTeams } from '../hooks/useTeams'
import type { Team } from '../types'
import { TeamFormModal } from './TeamFormModal'

export default function TeamsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, isFetching, isPending, refetch } = useTeams()
  const remove = useDeleteTeam()
  const notifyError = useNotifyError()
  const [editing, setEditing] = useState<Team | 'new' | null>(null)

  const del = (team: Team) =>
    remove.mutate(team.id, {
      onSuccess: () => message.success(t('teams.deleted', { name: team.name })),
      onError: (e) => (isApiError(e) && e.code === 'TEAM_NOT_EMPTY' ? message.error(t('teams.notEmpty', { name: team.name })) : notifyError(e)),
    })

  const columns: TableProps<Team>['columns'] = [
    { key: 'name', title: t('teams.fields.name'), dataIndex: 'name', width: 240 },
    { key: 'members', title: t('teams.fields.memberCount'), width: 120, align: 'right', render: (_, team) => formatNumber(team.memberCount) },
    { key: 'createdAt', title: t('teams.fields.createdAt'), width: 200, render: (_, team) => <DateTime value={team.createdAt} /> },
    {
      key: 'actions',
      title: '',
      width: 110,
      align: 'right',
      render: (_, team) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('teams.rename')} onClick={() => setEditing(team)} />
          <Popconfirm
            title={t('teams.deleteTitle', { name: team.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => del(team)}
          >
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ]

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('teams.new')}
    </Button>
  )
  return (
    <>
      <PageHeader title={t('teams.title')} actions={newButton} />
      <Card>
        {error ? (
          <ErrorResult error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Team>
            rowKey="id"
            columns={columns}
            dataSource={data ?? []}
            loading={isFetching}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{ emptyText: isPending ? ' ' : <EmptyState title={t('teams.emptyTitle')} description={t('teams.empty')} action={newButton} /> }}
          />
        )}
      </Card>
      <TeamFormModal open={editing !== null} team={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  )
}
