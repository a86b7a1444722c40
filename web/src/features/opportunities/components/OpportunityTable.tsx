import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import { tableSort } from '../../../components/tableSort'
import { StageTag } from '../../pipeline-stages/components/StageTag'
import type { Opportunity, OpportunitySort } from '../types'

interface Props {
  items: Opportunity[]
  loading: boolean
  sort?: string
  onSortChange?: (sort: string | undefined) => void
  empty: ReactNode
  /** Inside a customer's page: no customer column. */
  hideCustomer?: boolean
  /** Row selection for bulk reassignment (managers and admins). */
  selection?: { keys: string[]; onChange: (keys: string[]) => void }
}

export function OpportunityTable({ items, loading, sort, onSortChange, empty, hideCustomer, selection }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const f = (k: string) => t(`opportunities.fields.${k}`)
  const { sortProps, onChange } = tableSort<OpportunitySort>(sort, onSortChange)

  const columns: TableProps<Opportunity>['columns'] = [
    {
      key: 'name',
      title: f('name'),
      width: 260,
      ...sortProps('name'),
      render: (_, o) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/opportunities/${o.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {o.name}
          </Link>
          {!hideCustomer && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 240 }}>
              {o.customerName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'stage', title: f('stage'), width: 110, render: (_, o) => <StageTag stage={o.stage} /> },
    { key: 'amount', title: f('amount'), width: 150, align: 'right', ...sortProps('amount'), render: (_, o) => <Money amount={o.amount} currency={o.currency} /> },
    { key: 'probability', title: f('probability'), width: 90, align: 'right', render: (_, o) => `${o.probability}%` },
    { key: 'expectedCloseDate', title: f('expectedCloseDate'), width: 130, ...sortProps('expectedCloseDate'), render: (_, o) => <DayText value={o.expectedCloseDate} /> },
    { key: 'owner', title: f('ownerId'), width: 110, dataIndex: 'ownerName', ellipsis: true },
    { key: 'updatedAt', title: f('updatedAt'), width: 130, ...sortProps('updatedAt'), render: (_, o) => <DateTime value={o.updatedAt} relative /> },
  ]

  return (
    <Table<Opportunity>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 980 }}
      locale={{ emptyText: empty }}
      rowSelection={selection && { selectedRowKeys: selection.keys, onChange: (keys) => selection.onChange(keys as string[]), columnWidth: 40 }}
      onRow={(o) => ({ onClick: () => navigate(`/opportunities/${o.id}`), style: { cursor: 'pointer' } })}
      onChange={onChange}
    />
  )
}
