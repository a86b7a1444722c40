import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import { tableSort } from '../../../components/tableSort'
import type { Quote } from '../types'
import { QuoteNumber } from './QuoteNumber'
import { QuoteStatusTag } from './QuoteStatusTag'

interface Props {
  items: Quote[]
  loading: boolean
  sort?: string
  onSortChange?: (sort: string | undefined) => void
  empty: ReactNode
  /** Inside a deal's or customer's page: no customer column. */
  hideCustomer?: boolean
}

type Sortable = 'number' | 'total' | 'validUntil' | 'createdAt'

export function QuoteTable({ items, loading, sort, onSortChange, empty, hideCustomer }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const f = (k: string) => t(`quotes.fields.${k}`)
  const { sortProps, onChange } = tableSort<Sortable>(sort, onSortChange)
  const columns: TableProps<Quote>['columns'] = [
    {
      key: 'number',
      title: f('number'),
      width: 180,
      ...sortProps('number'),
      render: (_, q) => (
        <Link to={`/quotes/${q.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
          <QuoteNumber quote={q} />
        </Link>
      ),
    },
    ...(hideCustomer
      ? []
      : [{ key: 'customer', title: f('customerId'), render: (_: unknown, q: Quote) => <Typography.Text ellipsis style={{ maxWidth: 260 }}>{q.customerName}</Typography.Text> }]),
    { key: 'status', title: f('status'), width: 84, render: (_, q) => <QuoteStatusTag status={q.status} /> },
    { key: 'total', title: f('total'), width: 128, align: 'right', ...sortProps('total'), render: (_, q) => <Money amount={q.total} currency={q.currency} /> },
    { key: 'validUntil', title: f('validUntil'), width: 116, ...sortProps('validUntil'), render: (_, q) => <DayText value={q.validUntil} /> },
    { key: 'createdAt', title: f('createdAt'), ...sortProps('createdAt'), render: (_, q) => <DateTime value={q.createdAt} relative /> },
  ]
  return (
    <Table<Quote>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: hideCustomer ? 560 : 820 }}
      locale={{ emptyText: empty }}
      onRow={(q) => ({ onClick: () => navigate(`/quotes/${q.id}`), style: { cursor: 'pointer' } })}
      onChange={onChange}
    />
  )
}
