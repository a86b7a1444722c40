import { Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Money } from '../../../components/Money'
import type { Order, OrderLine } from '../types'

/** The order's lines as accepted (a snapshot: later catalog changes do not touch it). */
export function OrderLines({ order: o }: { order: Order }) {
  const { t } = useTranslation()
  const c = (k: string) => t(`quotes.lines.${k}`)
  const pct = (v: string | null | undefined) => (v === null || v === undefined ? '' : `${v}%`)
  return (
    <Table<OrderLine>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={o.lines}
      scroll={{ x: 760 }}
      columns={[
        { key: 'sku', title: c('product'), width: 120, render: (_, l) => (l.sku ? <Typography.Text code>{l.sku}</Typography.Text> : '—') },
        { key: 'description', title: c('description'), dataIndex: 'description' },
        { key: 'quantity', title: c('quantity'), width: 90, align: 'right', dataIndex: 'quantity' },
        { key: 'unitPrice', title: c('unitPrice'), width: 130, align: 'right', render: (_, l) => <Money amount={l.unitPrice} currency={o.currency} /> },
        { key: 'discountPercent', title: c('discountPercent'), width: 90, align: 'right', render: (_, l) => pct(l.discountPercent) },
        { key: 'taxRate', title: c('taxRate'), width: 90, align: 'right', render: (_, l) => pct(l.taxRate) },
        { key: 'amount', title: c('amount'), width: 130, align: 'right', render: (_, l) => <Money amount={l.amount} currency={o.currency} /> },
      ]}
    />
  )
}
