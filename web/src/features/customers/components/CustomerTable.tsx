import { Space, Table, Tag, Tooltip } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { DateOnly } from '../../../components/DateOnly'
import { DateTime } from '../../../components/DateTime'
import { PhoneText } from '../../../components/PhoneText'
import { tableSort } from '../../../components/tableSort'
import type { Customer, CustomerSort } from '../types'
import { CustomerNameCell } from './CustomerNameCell'
import { StatusTag } from './StatusTag'

interface Props {
  items: Customer[]
  loading: boolean
  /** Current `sort` parameter, e.g. "-createdAt"; undefined when ordered by relevance. */
  sort: string | undefined
  onSortChange: (sort: string | undefined) => void
  empty: ReactNode
}

export function CustomerTable({ items, loading, sort, onSortChange, empty }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { sortProps, onChange } = tableSort<CustomerSort>(sort, onSortChange, sort !== undefined)

  const columns: TableProps<Customer>['columns'] = [
    { key: 'name', title: t('customers.fields.name'), fixed: 'left', width: 250, ...sortProps('name'), render: (_, c) => <CustomerNameCell customer={c} /> },
    { key: 'status', title: t('customers.fields.status'), width: 100, render: (_, c) => <StatusTag status={c.status} /> },
    { key: 'phone', title: t('customers.fields.phone'), width: 150, render: (_, c) => <PhoneText value={c.phone} /> },
    { key: 'industry', title: t('customers.fields.industry'), width: 120, dataIndex: 'industry', ellipsis: true },
    { key: 'owner', title: t('customers.fields.ownerId'), width: 110, dataIndex: 'ownerName', ellipsis: true },
    {
      key: 'tags',
      title: t('customers.fields.tags'),
      width: 170,
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.tags.slice(0, 3).map((tag) => (
            <Tag key={tag} bordered={false}>
              {tag}
            </Tag>
          ))}
          {c.tags.length > 3 && (
            <Tooltip title={c.tags.slice(3).join(', ')}>
              <Tag bordered={false}>+{c.tags.length - 3}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('customers.fields.createdAt'), width: 130, ...sortProps('createdAt'), render: (_, c) => <DateOnly value={c.createdAt} /> },
    { key: 'updatedAt', title: t('customers.fields.updatedAt'), width: 130, ...sortProps('updatedAt'), render: (_, c) => <DateTime value={c.updatedAt} relative /> },
  ]

  return (
    <Table<Customer>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1060 }}
      locale={{ emptyText: empty }}
      onRow={(c) => ({ onClick: () => navigate(`/customers/${c.id}`), style: { cursor: 'pointer' } })}
      onChange={onChange}
    />
  )
}
