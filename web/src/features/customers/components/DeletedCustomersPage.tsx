import { Alert, App, Button, Card, Space, Table } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useAuth } from '../../auth/hooks/useAuth'
import { useCustomerList } from '../hooks/useCustomerList'
import { usePurgeCustomer } from '../hooks/usePurgeCustomer'
import { useRestoreCustomer } from '../hooks/useRestoreCustomer'
import type { Customer } from '../types'
import { CustomerListTabs } from './CustomerListTabs'
import { CustomerNameCell } from './CustomerNameCell'
import { PurgeCustomerModal } from './PurgeCustomerModal'

/** Recently deleted customers: restore them, or (admin) delete them for good. */
export default function DeletedCustomersPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { hasRole } = useAuth()
  const isAdmin = hasRole('admin')
  const pager = useCursorPager('deleted')
  const query = useCustomerList({ deleted: true, limit: 20, cursor: pager.cursor })
  const restore = useRestoreCustomer()
  const purge = usePurgeCustomer()
  const notifyError = useNotifyError()
  const [purging, setPurging] = useState<Customer | null>(null)

  const columns: TableProps<Customer>['columns'] = [
    { key: 'name', title: t('customers.fields.name'), width: 280, render: (_, c) => <CustomerNameCell customer={c} link={false} /> },
    { key: 'owner', title: t('customers.fields.ownerId'), dataIndex: 'ownerName', width: 140 },
    { key: 'deletedAt', title: t('customers.fields.deletedAt'), width: 180, render: (_, c) => <DateTime value={c.deletedAt} relative /> },
    {
      key: 'actions',
      title: '',
      width: 200,
      align: 'right',
      render: (_, c) => (
        <Space>
          <Button
            size="small"
            loading={restore.isPending && restore.variables === c.id}
            onClick={() =>
              restore.mutate(c.id, { onSuccess: () => message.success(t('customers.restored', { name: c.name })), onError: notifyError })
            }
          >
            {t('common.restore')}
          </Button>
          {isAdmin && (
            <Button size="small" danger onClick={() => setPurging(c)}>
              {t('customers.purge.action')}
            </Button>
          )}
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={<CustomerListTabs current="deleted" />} />
      <Card>
        <Alert type="info" showIcon message={t('customers.deletedHint')} style={{ marginBottom: 16 }} />
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Table<Customer>
              rowKey="id"
              columns={columns}
              dataSource={query.data?.items ?? []}
              loading={query.isFetching}
              pagination={false}
              scroll={{ x: 800 }}
              locale={{ emptyText: query.isPending ? ' ' : <EmptyState title={t('customers.deletedEmptyTitle')} description={t('customers.deletedEmpty')} /> }}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Card>
      <PurgeCustomerModal
        customer={purging}
        loading={purge.isPending}
        onCancel={() => setPurging(null)}
        onConfirm={(c) =>
          purge.mutate(c.id, {
            onSuccess: () => {
              setPurging(null)
              message.success(t('customers.purge.done', { name: c.name }))
            },
            onError: notifyError,
          })
        }
      />
    </>
  )
}
