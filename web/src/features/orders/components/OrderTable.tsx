import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { DateOnly } from '../../../components/DateOnly'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import { tableSort } from '../../../components/tableSort'
import type { Order } from '../types'
import { OrderStatusTag } from './OrderStatusTag'

interface Props {
  items: Order[]
  loading: boolean
  sort?: string
  onSortChange?: (sort: string | undefined) => void
  empty: ReactNode
  /** Inside a customer's page: no customer column. */
  hideCustomer?: boolean
}

type Sortable = 'number' | 'total' | 'orderedAt' | 'shipDate'

export function OrderTable({ items, loading, sort, onSortChange, empty, hideCustomer }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const f = (k: string) => t(`orders.fields.${k}`)
  const { sortProps, onChange } = tableSort<Sortable>(sort, onSortChange)
  const columns: TableProps<Order>['columns'] = [
    {
      key: 'number',
      title: f('number'),
      width: 136,
      ...sortProps('number'),
      render: (_, o) => (
        <Link to={`/orders/${o.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
          {o.number}
        </Link>
      ),
    },
    ...(hideCustomer
      ? []
      : [{ key: 'customer', title: f('customerId'), render: (_: unknown, o: Order) => <Typography.Text ellipsis style={{ maxWidth: 260 }}>{o.customerName}</Typography.Text> }]),
    { key: 'status', title: f('status'), width: 84, render: (_, o) => <OrderStatusTag status={o.status} /> },
    { key: 'total', title: f('total'), width: 128, align: 'right', ...sortProps('total'), render: (_, o) => <Money amount={o.total} currency={o.currency} /> },
    { key: 'orderedAt', title: f('orderedAt'), width: 116, ...sortProps('orderedAt'), render: (_, o) => <DateOnly value={o.orderedAt} /> },
    { key: 'shipDate', title: f('shipDate'), ...sortProps('shipDate'), render: (_, o) => <DayText value={o.shipDate} /> },
  ]
  return (
    <Table<Order>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: hideCustomer ? 560 : 820 }}
      locale={{ emptyText: empty }}
      onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' } })}
      onChange={onChange}
    />
  )
}
