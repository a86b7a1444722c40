import { DownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Empty, Skeleton, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { ForbiddenResult } from '../../../components/ForbiddenResult'
import { PageHeader } from '../../../components/PageHeader'
import { useAuth } from '../../auth/hooks/useAuth'
import { reportsApi } from '../api'
import { useReport } from '../hooks/useReport'
import { useReportParams } from '../hooks/useReportParams'
import { REPORT_CATALOG, type ReportName } from '../types'
import { ReportFilters } from './ReportFilters'
import { ReportTable } from './ReportTable'
import { SalesTargetButton } from './SalesTargetButton'

const ReportChart = lazy(() => import('./ReportChart'))
const isReport = (name: string | undefined): name is ReportName => !!name && name in REPORT_CATALOG

/** One report: filters in the URL, its chart, the table with totals, notes, and CSV/XLSX downloads. */
export default function ReportPage() {
  const { name } = useParams()
  const { t, i18n } = useTranslation()
  const { hasRole } = useAuth()
  const valid = isReport(name)
  const { query, update } = useReportParams(valid && 'ahead' in REPORT_CATALOG[name])
  const allowed = valid && hasRole(...(REPORT_CATALOG[name].roles as readonly ('admin' | 'manager' | 'sales' | 'support' | 'marketing')[]))
  const report = useReport(valid ? name : 'pipeline', query, valid && allowed)
  if (!valid) return <Navigate to="/reports" replace />
  if (!allowed) return <ForbiddenResult />
  const full = { ...query, lang: i18n.language === 'zh-CN' ? ('zh-CN' as const) : ('en' as const) }
  return (
    <>
      <PageHeader
        backTo="/reports"
        title={t(`reports.names.${name}`)}
        subtitle={t(`reports.descriptions.${name}`)}
        actions={
          <>
            {name === 'forecast' && hasRole('admin', 'manager') && <SalesTargetButton />}
            <Button icon={<DownloadOutlined />} href={reportsApi.downloadHref(name, full, 'csv')} data-testid="download-csv">
              CSV
            </Button>
            <Button icon={<DownloadOutlined />} href={reportsApi.downloadHref(name, full, 'xlsx')} data-testid="download-xlsx">
              Excel
            </Button>
          </>
        }
      />
      <ReportFilters name={name} query={query} period={report.data && { from: report.data.from, to: report.data.to }} onChange={update} />
      {report.error && <ErrorResult error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && !report.error && <Skeleton active paragraph={{ rows: 8 }} />}
      {report.data && (
        <div style={{ opacity: report.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Card size="small" style={{ marginBottom: 16 }}>
            {report.data.rows.length === 0 ? (
              <Empty description={t('reports.noData')} />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <ReportChart name={name} result={report.data} />
              </Suspense>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="report-basis">
              {report.data.otherCurrencyRecords === null ? t('reports.basisZone', { tz: report.data.tz }) : t('reports.basis', { currency: report.data.currency, tz: report.data.tz })}
            </Typography.Text>
            {report.data.notes.map((n) => (
              <Alert key={n} type="info" showIcon message={n} style={{ marginTop: 8 }} />
            ))}
          </Card>
          <ReportTable result={report.data} />
        </div>
      )}
    </>
  )
}
