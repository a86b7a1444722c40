import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { PhoneText } from '../../../components/PhoneText'
import { tableSort } from '../../../components/tableSort'
import type { Lead, LeadSort } from '../types'
import { LeadStatusTag } from './LeadStatusTag'

interface Props {
  items: Lead[]
  loading: boolean
  sort: string | undefined
  onSortChange: (sort: string | undefined) => void
  empty: ReactNode
  selection?: { keys: string[]; onChange: (keys: string[]) => void }
}

export function LeadTable({ items, loading, sort, onSortChange, empty, selection }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const f = (k: string) => t(`leads.fields.${k}`)
  const { sortProps, onChange } = tableSort<LeadSort>(sort, onSortChange, sort !== undefined)

  const columns: TableProps<Lead>['columns'] = [
    {
      key: 'name',
      title: f('name'),
      width: 170,
      ...sortProps('name'),
      render: (_, l) => (
        <div>
          <Link to={`/leads/${l.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {l.name}
          </Link>
          {l.title && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 200 }}>
              {l.title}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'company', title: f('company'), dataIndex: 'company', width: 170, ellipsis: true },
    { key: 'status', title: f('status'), width: 90, render: (_, l) => <LeadStatusTag status={l.status} /> },
    {
      key: 'contact',
      title: t('leads.contactColumn'),
      width: 200,
      render: (_, l) => (
        <div style={{ minWidth: 0 }}>
          {l.email && (
            <Typography.Text ellipsis style={{ display: 'block', maxWidth: 190 }}>
              {l.email}
            </Typography.Text>
          )}
          {l.phone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <PhoneText value={l.phone} />
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'source', title: f('source'), dataIndex: 'source', width: 90, ellipsis: true },
    { key: 'score', title: f('score'), width: 80, align: 'right', ...sortProps('score'), dataIndex: 'score' },
    { key: 'owner', title: f('ownerId'), dataIndex: 'ownerName', width: 100, ellipsis: true },
    { key: 'createdAt', title: f('createdAt'), width: 120, ...sortProps('createdAt'), render: (_, l) => <DateTime value={l.createdAt} relative /> },
  ]

  return (
    <Table<Lead>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1060 }}
      locale={{ emptyText: empty }}
      rowSelection={selection && { selectedRowKeys: selection.keys, onChange: (keys) => selection.onChange(keys as string[]), columnWidth: 40 }}
      onRow={(l) => ({ onClick: () => navigate(`/leads/${l.id}`), style: { cursor: 'pointer' } })}
      onChange={onChange}
    />
  )
}
