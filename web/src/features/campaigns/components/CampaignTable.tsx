import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import type { Campaign } from '../types'
import { CampaignStatusTag } from './CampaignStatusTag'
import { CampaignTypeTag } from './CampaignTypeTag'
import { SendStatusTag } from './SendStatusTag'

interface Props {
  items: Campaign[]
  loading: boolean
  empty: ReactNode
}

export function CampaignTable({ items, loading, empty }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const f = (k: string) => t(`campaigns.fields.${k}`)
  const columns: TableProps<Campaign>['columns'] = [
    {
      key: 'name',
      title: f('name'),
      width: 240,
      render: (_, c) => (
        <div>
          <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {c.name}
          </Link>
          {c.emailSubject && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 230 }}>
              {c.emailSubject}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'type', title: f('type'), width: 100, render: (_, c) => <CampaignTypeTag type={c.type} /> },
    { key: 'status', title: f('status'), width: 100, render: (_, c) => <CampaignStatusTag status={c.status} /> },
    { key: 'sendStatus', title: f('sendStatus'), width: 100, render: (_, c) => (c.type === 'email' ? <SendStatusTag status={c.sendStatus} /> : null) },
    {
      key: 'dates',
      title: f('dates'),
      width: 220,
      render: (_, c) =>
        c.startDate || c.endDate ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            <DayText value={c.startDate} /> – <DayText value={c.endDate} />
          </span>
        ) : null,
    },
    { key: 'budget', title: f('budget'), width: 130, align: 'right', render: (_, c) => <Money amount={c.budget} currency={c.currency} /> },
    { key: 'actualCost', title: f('actualCost'), width: 130, align: 'right', render: (_, c) => <Money amount={c.actualCost} currency={c.currency} /> },
    { key: 'owner', title: f('ownerId'), dataIndex: 'ownerName', width: 110, ellipsis: true },
  ]
  return (
    <Table<Campaign>
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1130 }}
      locale={{ emptyText: empty }}
      onRow={(c) => ({ onClick: () => navigate(`/campaigns/${c.id}`), style: { cursor: 'pointer' } })}
    />
  )
}
