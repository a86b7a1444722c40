import { Col, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../../components/PageHeader'
import { companyToday } from '../../../lib/format'
import { useAuth } from '../../auth/hooks/useAuth'
import { GettingStartedChecklist } from '../../onboarding/components/GettingStartedChecklist'
import { monthEnd, monthStart } from '../../reports/hooks/useReportParams'
import { KpiRow } from './KpiRow'
import { ReportTile } from './ReportTile'

/**
 * Home, by role: a rep sees his own numbers, a manager his team's (the server narrows both),
 * support the queue and SLA, marketing the campaigns, an admin all of it.
 */
export default function DashboardPage() {
  const { t } = useTranslation()
  const { user, hasRole } = useAuth()
  const year = { from: monthStart(11), to: companyToday() }
  const quarter = { from: monthStart(2), to: companyToday() }
  const sales = hasRole('admin', 'manager', 'sales')
  const service = hasRole('admin', 'manager', 'support')
  const marketing = hasRole('admin', 'manager', 'marketing')
  const half = { xs: 24, xl: 12 }
  return (
    <>
      <PageHeader title={t('dashboard.greeting', { name: user.name })} subtitle={t(`dashboard.scope.${user.role}`)} />
      {hasRole('admin') && <GettingStartedChecklist />}
      {sales && <KpiRow />}
      <Row gutter={[16, 16]}>
        {sales && (
          <>
            <Col {...half}>
              <ReportTile name="pipeline" query={{ from: monthStart(0), to: monthEnd(11), groupBy: 'stage' }} />
            </Col>
            <Col {...half}>
              <ReportTile name="forecast" query={{ from: monthStart(3), to: monthEnd(2) }} />
            </Col>
          </>
        )}
        {hasRole('admin', 'manager') && (
          <Col {...half}>
            <ReportTile name="win-rate" query={{ ...quarter, groupBy: 'owner' }} />
          </Col>
        )}
        {sales && (
          <Col {...half}>
            <ReportTile name="sales-funnel" query={quarter} />
          </Col>
        )}
        {service && (
          <>
            <Col {...half}>
              <ReportTile name="tickets" query={{ ...quarter, groupBy: 'type' }} />
            </Col>
            <Col {...half}>
              <ReportTile name="sla" query={quarter} />
            </Col>
          </>
        )}
        {marketing && (
          <Col {...half}>
            <ReportTile name="campaigns" query={year} />
          </Col>
        )}
      </Row>
    </>
  )
}
