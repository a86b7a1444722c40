import { PlusOutlined } from '@ant-design/icons'
import { Button, Card } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { ExportButton } from '../../../components/ExportButton'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useAuth } from '../../auth/hooks/useAuth'
import { DEFAULT_SORT, useCustomerListParams } from '../hooks/useCustomerListParams'
import { useCustomerList } from '../hooks/useCustomerList'
import { CustomerFilters } from './CustomerFilters'
import { CustomerFormDrawer } from './CustomerFormDrawer'
import { CustomerListTabs } from './CustomerListTabs'
import { CustomerTable } from './CustomerTable'
import { ImportLink } from '../../imports/components/ImportLink'

export default function CustomersPage() {
  const { t } = useTranslation()
  const { hasRole } = useAuth()
  const canCreate = !hasRole('marketing')
  const list = useCustomerListParams()
  const pager = useCursorPager(JSON.stringify(list.params))
  const query = useCustomerList({ ...list.params, cursor: pager.cursor })
  const [creating, setCreating] = useState(false)

  const newButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('customers.new')}
    </Button>
  )

  const empty = list.hasFilters ? (
    <EmptyState title={t('customers.noMatchesTitle')} description={t('customers.noMatches')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('customers.emptyTitle')} description={t('customers.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={<CustomerListTabs current="all" />} actions={<><ImportLink entity="customers" /><ExportButton resource="customers" params={list.params} />{newButton}</>} />
      <Card>
        <CustomerFilters list={list} />
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <CustomerTable
              items={query.data?.items ?? []}
              loading={query.isFetching}
              sort={list.params.sort}
              onSortChange={(sort) => list.update({ sort: sort === DEFAULT_SORT ? undefined : sort })}
              empty={query.isPending ? ' ' : empty}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} limit={list.limit} onLimitChange={(limit) => list.update({ limit })} />
          </>
        )}
      </Card>
      <CustomerFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
