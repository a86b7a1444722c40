import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Popconfirm, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useApiTokens } from '../hooks/useApiTokens'
import { useRevokeApiToken } from '../hooks/useRevokeApiToken'
import type { ApiToken, ApiTokenCreated } from '../types'
import { CreateTokenModal } from './CreateTokenModal'
import { TokenSecretModal } from './TokenSecretModal'
import { ScopeTags } from '../../security/components/ScopeTags'

export default function ApiTokensPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, isFetching, isPending, refetch } = useApiTokens()
  const revoke = useRevokeApiToken()
  const notifyError = useNotifyError()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<ApiTokenCreated | null>(null)
  const never = <Typography.Text type="secondary">{t('tokens.never')}</Typography.Text>

  const columns: TableProps<ApiToken>['columns'] = [
    { key: 'name', title: t('tokens.fields.name'), dataIndex: 'name', width: 200 },
    { key: 'prefix', title: t('tokens.fields.prefix'), width: 140, render: (_, x) => <Typography.Text code>{x.prefix}…</Typography.Text> },
    { key: 'scopes', title: t('security.scopes.column'), width: 220, render: (_, x) => <ScopeTags scopes={x.scopes} /> },
    { key: 'createdAt', title: t('tokens.fields.createdAt'), width: 170, render: (_, x) => <DateTime value={x.createdAt} /> },
    { key: 'expiresAt', title: t('tokens.fields.expiresAt'), width: 170, render: (_, x) => (x.expiresAt ? <DateTime value={x.expiresAt} /> : never) },
    { key: 'lastUsedAt', title: t('tokens.fields.lastUsedAt'), width: 150, render: (_, x) => (x.lastUsedAt ? <DateTime value={x.lastUsedAt} relative /> : never) },
    {
      key: 'actions',
      title: '',
      width: 60,
      align: 'right',
      render: (_, x) => (
        <Popconfirm
          title={t('tokens.revokeTitle', { name: x.name })}
          description={t('tokens.revokeBody')}
          okText={t('tokens.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutate(x.id, { onSuccess: () => message.success(t('tokens.revoked')), onError: notifyError })}
        >
          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('tokens.revoke')} />
        </Popconfirm>
      ),
    },
  ]

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('tokens.new')}
    </Button>
  )
  return (
    <>
      <PageHeader title={t('tokens.title')} subtitle={<Typography.Text type="secondary">{t('tokens.subtitle')}</Typography.Text>} actions={newButton} />
      <Card>
        {error ? (
          <ErrorResult error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            columns={columns}
            dataSource={data ?? []}
            loading={isFetching}
            pagination={false}
            scroll={{ x: 1100 }}
            locale={{ emptyText: isPending ? ' ' : <EmptyState title={t('tokens.emptyTitle')} description={t('tokens.empty')} action={newButton} /> }}
          />
        )}
      </Card>
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false)
          setCreated(c)
        }}
      />
      <TokenSecretModal created={created} onClose={() => setCreated(null)} />
    </>
  )
}
