import { BarChartOutlined, CustomerServiceOutlined, NotificationOutlined, TeamOutlined } from '@ant-design/icons'
import { Card, Col, Row, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageHeader } from '../../../components/PageHeader'
import { useAuth } from '../../auth/hooks/useAuth'
import { REPORT_AREAS, REPORT_CATALOG, type ReportArea, type ReportName } from '../types'

const ICONS: Record<ReportArea, ReactNode> = { sales: <BarChartOutlined />, customers: <TeamOutlined />, service: <CustomerServiceOutlined />, marketing: <NotificationOutlined /> }

/** Every report the user's role may run, by area. */
export default function ReportsIndexPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const names = (Object.keys(REPORT_CATALOG) as ReportName[]).filter((n) => (REPORT_CATALOG[n].roles as readonly string[]).includes(user.role))
  return (
    <>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      {REPORT_AREAS.map((area) => {
        const inArea = names.filter((n) => REPORT_CATALOG[n].area === area)
        if (inArea.length === 0) return null
        return (
          <section key={area} style={{ marginBottom: 24 }}>
            <Typography.Title level={5} style={{ marginBottom: 12 }}>
              {ICONS[area]} {t(`reports.areas.${area}`)}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              {inArea.map((n) => (
                <Col key={n} xs={24} sm={12} lg={8} xl={6}>
                  <Link to={`/reports/${n}`} data-testid={`report-card-${n}`}>
                    <Card hoverable size="small" style={{ height: '100%' }}>
                      <Typography.Text strong>{t(`reports.names.${n}`)}</Typography.Text>
                      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} ellipsis={{ rows: 2 }}>
                        {t(`reports.descriptions.${n}`)}
                      </Typography.Paragraph>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </section>
        )
      })}
    </>
  )
}
