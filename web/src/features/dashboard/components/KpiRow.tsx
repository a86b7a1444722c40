import { Card, Col, Row, Statistic, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { currencyName, formatMoneyValue, type MoneyValue } from '../../../lib/money'
import { useActivityList } from '../../activities/hooks/useActivityList'
import { useReport } from '../../reports/hooks/useReport'
import { monthEnd, monthStart } from '../../reports/hooks/useReportParams'
import { todayIn } from '../../../lib/format'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

/** This month at a glance: won against the target, deals still to close, tasks due today. */
export function KpiRow() {
  const { t } = useTranslation()
  const company = useCompanyLocale()
  // This month as the reports count it (the company's zone), not the browser's.
  const today = todayIn(company.timeZone)
  const month = { from: monthStart(0, today), to: monthEnd(0, today) }
  const forecast = useReport('forecast', month)
  const closing = useReport('pipeline', { ...month, groupBy: 'stage' })
  const tasks = useActivityList({ mine: true, type: 'task', open: true, due: 'today', limit: 50 })
  const f = forecast.data?.totals
  // Deals without a close date are in the pipeline's totals, but not due this month.
  const due = closing.data?.rows.filter((r) => r.bucket !== 'noCloseDate')
  const currency = forecast.data?.currency ?? company.currency
  // This month's row of the forecast: open deals expected to close this month, converted (or per currency) by the server.
  const thisMonth = forecast.data?.rows.find((r) => r.month === month.from.slice(0, 7))
  const conversion = forecast.data?.conversion
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="kpi-won">
          <Statistic title={t('dashboard.wonThisMonth')} value={f ? formatMoneyValue((f.wonAmount ?? '0') as MoneyValue, currency) : '–'} loading={forecast.isPending} />
          {conversion?.from && !conversion.unconverted.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kpi-fx-note">
              {t('dashboard.fxConverted', { dates: conversion.from === conversion.to ? conversion.from : `${conversion.from} – ${conversion.to}`, currency, currencyName: currencyName(currency) })}
            </Typography.Text>
          )}
          {!!conversion?.unconverted.length && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kpi-fx-note">
              {t('dashboard.fxMissing', { currencies: conversion.unconverted.join(', ') })}
            </Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="kpi-attainment">
          <Statistic title={t('dashboard.attainment')} value={typeof f?.attainment === 'number' ? f.attainment : '–'} suffix={f?.attainment != null ? '%' : undefined} loading={forecast.isPending} />
          {f && f.target == null && <Link to="/reports/forecast">{t('dashboard.noTarget')}</Link>}
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="kpi-closing">
          <Statistic
            title={t('dashboard.closingThisMonth')}
            value={closing.data && due && forecast.data ? `${due.reduce((n, r) => n + Number(r.count ?? 0), 0)} · ${formatMoneyValue((thisMonth?.amount ?? '0') as MoneyValue, currency)}` : '–'}
            loading={closing.isPending || forecast.isPending}
          />
        </Card>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Card size="small" data-testid="kpi-tasks">
          <Statistic title={t('dashboard.tasksToday')} value={tasks.data ? tasks.data.items.length + (tasks.data.nextCursor ? '+' : '') : '–'} loading={tasks.isPending} />
          <Link to="/tasks">{t('dashboard.openTasks')}</Link>
        </Card>
      </Col>
    </Row>
  )
}
