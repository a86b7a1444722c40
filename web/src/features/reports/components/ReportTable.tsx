import { Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { Money } from '../../../components/Money'
import { formatDate, formatNumber } from '../../../lib/format'
import type { MoneyValue } from '../../../lib/money'
import { drillHref, type ReportColumn, type ReportResult, type ReportRow } from '../types'

function Cell({ column, value, currency }: { column: ReportColumn; value: unknown; currency: string }) {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">–</Typography.Text>
  switch (column.type) {
    case 'money':
      return <Money amount={Array.isArray(value) ? (value as MoneyValue) : String(value)} currency={currency} />
    case 'percent':
      return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(Number(value))}%</span>
    case 'number':
    case 'days':
      return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(Number(value))}</span>
    case 'date':
      return <>{formatDate(String(value))}</>
    default:
      return <>{String(value)}</>
  }
}

const numeric = (c: ReportColumn) => c.type !== 'text' && c.type !== 'month' && c.type !== 'date'

/** The report's rows as the server labelled them, a totals row, and rows that open the list behind them. */
export function ReportTable({ result }: { result: ReportResult }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const columns: ColumnsType<ReportRow> = result.columns.map((c, i) => ({
    key: c.key,
    title: c.label,
    align: numeric(c) ? 'right' : 'left',
    render: (_: unknown, row: ReportRow) => {
      const cell = <Cell column={c} value={row[c.key]} currency={result.currency} />
      if (i === 0 && typeof row.customerId === 'string') return <Link to={`/customers/${row.customerId}`}>{cell}</Link>
      return cell
    },
  }))
  const hasTotals = Object.keys(result.totals).length > 0
  return (
    <Table<ReportRow>
      size="middle"
      rowKey={(_, i) => String(i)}
      columns={columns}
      dataSource={result.rows}
      pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      onRow={(row) => {
        const href = drillHref(row.drill)
        return href ? { onClick: () => navigate(href), style: { cursor: 'pointer' }, title: t('reports.drillHint') } : {}
      }}
      summary={
        hasTotals
          ? () => (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                {result.columns.map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i} align={numeric(c) ? 'right' : 'left'}>
                    {i === 0 ? t('reports.total') : c.key in result.totals ? <Cell column={c} value={result.totals[c.key]} currency={result.currency} /> : null}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  )
}
