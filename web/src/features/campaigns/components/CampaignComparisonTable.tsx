import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Money } from '../../../components/Money'
import { formatNumber } from '../../../lib/format'
import { formatPercent } from '../format'
import type { ComparisonRow } from '../types'
import { CampaignTypeTag } from './CampaignTypeTag'

interface Props {
  rows: ComparisonRow[]
  loading: boolean
}

type Stats = ComparisonRow['stats']
// Orders rows only (nothing is computed from these numbers); null sorts last.
const byNumber = (pick: (s: Stats) => number | string | null) => (a: ComparisonRow, b: ComparisonRow) => {
  const x = pick(a.stats)
  const y = pick(b.stats)
  if (x === null) return y === null ? 0 : -1
  if (y === null) return 1
  return Number(x) - Number(y)
}

/** Campaigns side by side: reach, engagement and what they brought in. */
export function CampaignComparisonTable({ rows, loading }: Props) {
  const { t } = useTranslation()
  const c = (k: string) => t(`campaigns.compare.${k}`)
  const num = (key: keyof Stats) => ({
    key,
    title: c(key),
    align: 'right' as const,
    sorter: byNumber((s) => s[key] as number),
    render: (_: unknown, r: ComparisonRow) => formatNumber(r.stats[key] as number),
  })
  const pct = (key: 'openRate' | 'clickRate' | 'bounceRate' | 'unsubscribeRate') => ({
    key,
    title: c(key),
    align: 'right' as const,
    sorter: byNumber((s) => s[key]),
    render: (_: unknown, r: ComparisonRow) => formatPercent(r.stats[key]),
  })
  const columns: TableProps<ComparisonRow>['columns'] = [
    {
      key: 'name',
      title: t('campaigns.fields.name'),
      fixed: 'left',
      width: 190,
      render: (_, r) => (
        <div>
          <Link to={`/campaigns/${r.id}`} style={{ fontWeight: 500 }}>
            {r.name}
          </Link>
          <div style={{ marginTop: 2 }}>
            <CampaignTypeTag type={r.type} />
          </div>
        </div>
      ),
    },
    num('sent'),
    pct('openRate'),
    pct('clickRate'),
    num('unsubscribed'),
    num('bounced'),
    num('leads'),
    num('opportunities'),
    {
      key: 'wonRevenue',
      title: c('wonRevenue'),
      align: 'right',
      sorter: byNumber((s) => s.wonRevenue),
      render: (_, r) => <Money amount={r.stats.wonRevenue} currency={r.stats.currency} />,
    },
    {
      key: 'costPerLead',
      title: c('costPerLead'),
      align: 'right',
      sorter: byNumber((s) => s.costPerLead),
      render: (_, r) => (r.stats.costPerLead === null ? <Typography.Text type="secondary">—</Typography.Text> : <Money amount={r.stats.costPerLead} currency={r.stats.currency} />),
    },
    {
      key: 'roi',
      title: c('roi'),
      align: 'right',
      sorter: byNumber((s) => s.roi),
      render: (_, r) => <Typography.Text type={r.stats.roi !== null && r.stats.roi.startsWith('-') ? 'danger' : undefined}>{formatPercent(r.stats.roi)}</Typography.Text>,
    },
  ]
  // Headers stay on one line: the table scrolls sideways (name fixed) rather than break words.
  for (const col of columns) if (col.key !== 'name') col.title = <span style={{ whiteSpace: 'nowrap' }}>{col.title as string}</span>
  return (
    <Table<ComparisonRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="campaign-comparison"
      showSorterTooltip={false}
    />
  )
}
