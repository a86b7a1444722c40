import { Card, Empty, Skeleton, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { useReport } from '../../reports/hooks/useReport'
import type { ReportName, ReportQuery } from '../../reports/types'

const ReportChart = lazy(() => import('../../reports/components/ReportChart'))
const ReportTable = lazy(() => import('../../reports/components/ReportTable').then((m) => ({ default: m.ReportTable })))

/** A row with any non-zero figure: a chart of only zeros says less than "no data". */
const hasValue = (row: Record<string, unknown>) => Object.entries(row).some(([k, v]) => k !== 'drill' && typeof v === 'number' ? v !== 0 : (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && Number(v) !== 0) || (Array.isArray(v) && v.length > 0))

/** A report's chart on the dashboard, linking to the full report with the same filters. */
export function ReportTile({ name, query, title }: { name: ReportName; query: ReportQuery; title?: string }) {
  const { t } = useTranslation()
  const report = useReport(name, query)
  const href = `/reports/${name}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`
  return (
    <Card size="small" title={title ?? t(`reports.names.${name}`)} extra={<Link to={href}>{t('dashboard.open')}</Link>} data-testid={`tile-${name}`}>
      {report.error && <ErrorResult error={report.error} />}
      {!report.data && !report.error && <Skeleton active />}
      {report.data && !report.data.rows.some(hasValue) && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noData')} style={{ height: 236, paddingTop: 50 }} />}
      {report.data && report.data.rows.some(hasValue) && (
        <Suspense fallback={<Skeleton active />}>
          {/* Amounts in a currency without an exchange rate cannot be drawn as one bar: the figures, per currency, instead. */}
          {report.data.conversion?.unconverted.length ? <ReportTable result={report.data} /> : <ReportChart name={name} result={report.data} height={260} />}
        </Suspense>
      )}
      {/* What the chart leaves out or adds (deals without a close date): the full report says it too. */}
      {report.data?.notes.map((n) => (
        <Typography.Paragraph key={n} type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }} data-testid={`tile-${name}-note`}>
          {n}
        </Typography.Paragraph>
      ))}
    </Card>
  )
}
