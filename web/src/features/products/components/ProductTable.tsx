import { Button, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { Money } from '../../../components/Money'
import { tableSort } from '../../../components/tableSort'
import type { Product } from '../types'
import { ProductActiveTag } from './ProductActiveTag'

interface Props {
  items: Product[]
  loading: boolean
  sort?: string
  onSortChange: (sort: string | undefined) => void
  empty: ReactNode
  onEdit: (p: Product) => void
  onToggleActive?: (p: Product) => void
}

type Sortable = 'sku' | 'name' | 'unitPrice' | 'updatedAt'

export function ProductTable({ items, loading, sort, onSortChange, empty, onEdit, onToggleActive }: Props) {
  const { t } = useTranslation()
  const f = (k: string) => t(`products.fields.${k}`)
  const { sortProps, onChange } = tableSort<Sortable>(sort, onSortChange, true)
  const columns: TableProps<Product>['columns'] = [
    { key: 'sku', title: f('sku'), width: 140, ...sortProps('sku'), render: (_, p) => <Typography.Text code>{p.sku}</Typography.Text> },
    {
      key: 'name',
      title: f('name'),
      ...sortProps('name'),
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => onEdit(p)} style={{ fontWeight: 500 }}>
            {p.name}
          </Typography.Link>
          {p.description && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 360 }}>
              {p.description}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'unitPrice', title: f('unitPrice'), width: 150, align: 'right', ...sortProps('unitPrice'), render: (_, p) => <Money amount={p.unitPrice} currency={p.currency} /> },
    { key: 'taxRate', title: f('taxRate'), width: 90, align: 'right', render: (_, p) => `${p.taxRate}%` },
    { key: 'active', title: f('active'), width: 100, render: (_, p) => <ProductActiveTag active={p.active} /> },
    { key: 'updatedAt', title: f('updatedAt'), width: 130, ...sortProps('updatedAt'), render: (_, p) => <DateTime value={p.updatedAt} relative /> },
    ...(onToggleActive
      ? [
          {
            key: 'actions',
            width: 110,
            render: (_: unknown, p: Product) => (
              <Button size="small" type="link" onClick={() => onToggleActive(p)}>
                {t(p.active ? 'products.deactivate' : 'products.activate')}
              </Button>
            ),
          },
        ]
      : []),
  ]
  return (
    <Table<Product>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 860 }}
      locale={{ emptyText: empty }}
      onChange={onChange}
    />
  )
}
