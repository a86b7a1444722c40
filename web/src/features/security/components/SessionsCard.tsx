import { LogoutOutlined } from '@ant-design/icons'
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { ErrorResult } from '../../../components/ErrorResult'
import { useNotifyError } from '../../../hooks/useNotifyError'
import type { ActiveSession } from '../api'
import { useActiveSessions } from '../hooks/useActiveSessions'
import { useRevokeSessions } from '../hooks/useRevokeSessions'

/** Where the user is signed in: device, address, when; any other session can be ended from here. */
export function SessionsCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const { data, error, isFetching, refetch } = useActiveSessions()
  const revoke = useRevokeSessions()
  const others = (data ?? []).filter((s) => !s.current).length

  const columns: TableProps<ActiveSession>['columns'] = [
    {
      key: 'device',
      title: t('security.sessions.device'),
      render: (_, s) => (
        <>
          <Typography.Text title={s.userAgent ?? undefined}>{s.device ?? t('security.sessions.unknownDevice')}</Typography.Text>
          {s.current && <Tag color="green" style={{ marginLeft: 8 }}>{t('security.sessions.current')}</Tag>}
        </>
      ),
    },
    { key: 'ip', title: t('security.sessions.address'), width: 150, render: (_, s) => s.ip ?? '—' },
    { key: 'createdAt', title: t('security.sessions.signedIn'), width: 170, render: (_, s) => <DateTime value={s.createdAt} /> },
    { key: 'lastSeenAt', title: t('security.sessions.lastSeen'), width: 130, render: (_, s) => <DateTime value={s.lastSeenAt} relative /> },
    {
      key: 'actions',
      title: '',
      width: 110,
      align: 'right',
      render: (_, s) =>
        s.current ? null : (
          <Popconfirm
            title={t('security.sessions.revokeTitle')}
            okText={t('security.sessions.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.one.mutate(s.id, { onSuccess: () => message.success(t('security.sessions.revoked')), onError: notifyError })}
          >
            <Button size="small" danger>{t('security.sessions.revoke')}</Button>
          </Popconfirm>
        ),
    },
  ]

  const extra = (
    <Popconfirm
      title={t('security.sessions.revokeOthersTitle')}
      okText={t('security.sessions.revokeOthers')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      disabled={others === 0}
      onConfirm={() =>
        revoke.others.mutate(undefined, { onSuccess: (r) => message.success(t('security.sessions.revokedOthers', { count: r.revoked })), onError: notifyError })}
    >
      <Button icon={<LogoutOutlined />} disabled={others === 0} loading={revoke.others.isPending}>
        {t('security.sessions.revokeOthers')}
      </Button>
    </Popconfirm>
  )

  return (
    <Card title={t('security.sessions.title')} extra={extra} data-testid="sessions-card">
      <Typography.Paragraph type="secondary">{t('security.sessions.hint')}</Typography.Paragraph>
      {error ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ActiveSession> rowKey="id" size="small" columns={columns} dataSource={data ?? []} loading={isFetching} pagination={false} scroll={{ x: 720 }} />
      )}
    </Card>
  )
}
