import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useOrderList } from '../hooks/useOrderList'
import { OrderTable } from './OrderTable'

/** A customer's orders, newest first. */
export function CustomerOrders({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const pager = useCursorPager(customerId)
  const query = useOrderList({ customerId, sort: '-orderedAt', limit: 20, cursor: pager.cursor } as never)
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  return (
    <div data-testid="customer-orders">
      <OrderTable items={query.data?.items ?? []} loading={query.isFetching} hideCustomer empty={query.isPending ? ' ' : <EmptyState title={t('orders.noneForCustomer')} description={t('orders.noneForCustomerHint')} />} />
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
    </div>
  )
}
