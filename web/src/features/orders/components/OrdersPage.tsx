import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../../components/PageHeader'
import { StatusFilteredList } from '../../../components/StatusFilteredList'
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
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <StatusFilteredList ns="orders" statuses={ORDER_STATUSES} list={list} pager={pager} query={query} defaultSort={DEFAULT_SORT} table={(p) => <OrderTable {...p} />} />
    </>
  )
}
