import { SearchOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useOrderList } from '../hooks/useOrderList'
import { DEFAULT_SORT, useOrderListParams } from '../hooks/useOrderListParams'
import { ORDER_STATUSES } from '../types'
import { OrderTable } from './OrderTable'

/** Orders (订单) from accepted quotes: search by number or customer, filter by status. */
export default function OrdersPage() {
  const { t } = useTranslation()
  const list = useOrderListParams()
  const pager = useCursorPager(JSON.stringify(list.params))
  const query = useOrderList({ ...list.params, cursor: pager.cursor })
  const empty = list.hasFilters ? (
    <EmptyState title={t('orders.noMatchesTitle')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('orders.emptyTitle')} description={t('orders.empty')} />
  )
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <DebouncedInput
            value={list.filters.q}
            onChange={(q) => list.update({ q })}
            prefix={<SearchOutlined />}
            placeholder={t('orders.searchPlaceholder')}
            aria-label={t('orders.searchPlaceholder')}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            value={list.filters.status}
            onChange={(status) => list.update({ status })}
            placeholder={t('orders.fields.status')}
            aria-label={t('orders.fields.status')}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <OrderTable
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
    </>
  )
}
