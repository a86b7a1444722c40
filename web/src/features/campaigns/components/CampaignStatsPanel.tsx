import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd'
import { lazy, Suspense, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { formatMoney } from '../../../lib/money'
import { formatNumber } from '../../../lib/format'
import { formatPercent } from '../format'
import { useCampaignStats } from '../hooks/useCampaignStats'
import type { Campaign, CampaignStats } from '../types'

const StatsFunnelChart = lazy(() => import('./StatsFunnelChart'))

function Tile({ testId, title, value, note }: { testId: string; title: string; value: ReactNode; note?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  )
}

/** Reach, engagement and return of one campaign; refreshed every second while it is sending. */
export function CampaignStatsPanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  const live = campaign.sendStatus === 'sending' || campaign.sendStatus === 'scheduled'
  const { data: s, error, isPending, refetch } = useCampaignStats(campaign.id, live)
  if (isPending) return <Skeleton active />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />
  const n = (k: keyof CampaignStats) => formatNumber(s[k] as number)
  const rate = (r: number | null) => t('campaigns.stats.rate', { rate: formatPercent(r) })
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, s.currency))
  const email = campaign.type === 'email'
  const col = { xs: 12, md: 8, xl: 6 }

  return (
    <div data-testid="campaign-stats">
      {email && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col {...col}>
            <Tile testId="stat-recipients" title={t('campaigns.stats.recipients')} value={n('recipients')} note={s.skipped ? t('campaigns.stats.skippedNote', { count: s.skipped, invalid: s.skippedInvalid, suppressed: s.skippedSuppressed }) : undefined} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-sent" title={t('campaigns.stats.sent')} value={n('sent')} note={s.pending ? t('campaigns.stats.pendingNote', { count: s.pending }) : undefined} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-delivered" title={t('campaigns.stats.delivered')} value={n('delivered')} note={rate(s.deliveryRate)} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-opened" title={t('campaigns.stats.opened')} value={n('opened')} note={rate(s.openRate)} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-clicked" title={t('campaigns.stats.clicked')} value={n('clicked')} note={rate(s.clickRate)} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-unsubscribed" title={t('campaigns.stats.unsubscribed')} value={n('unsubscribed')} note={rate(s.unsubscribeRate)} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-bounced" title={t('campaigns.stats.bounced')} value={n('bounced')} note={rate(s.bounceRate)} />
          </Col>
          <Col {...col}>
            <Tile testId="stat-failed" title={t('campaigns.stats.failed')} value={n('failed')} />
          </Col>
        </Row>
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col {...col}>
          <Tile testId="stat-leads" title={t('campaigns.stats.leads')} value={n('leads')} />
        </Col>
        <Col {...col}>
          <Tile testId="stat-opportunities" title={t('campaigns.stats.opportunities')} value={n('opportunities')} note={t('campaigns.stats.wonNote', { count: s.wonOpportunities })} />
        </Col>
        <Col {...col}>
          <Tile testId="stat-won-revenue" title={t('campaigns.stats.wonRevenue')} value={money(s.wonRevenue)} />
        </Col>
        <Col {...col}>
          <Tile testId="stat-cost" title={t('campaigns.stats.cost')} value={money(s.cost)} />
        </Col>
        <Col {...col}>
          <Tile testId="stat-cpl" title={t('campaigns.stats.costPerLead')} value={money(s.costPerLead)} />
        </Col>
        <Col {...col}>
          <Tile testId="stat-roi" title={t('campaigns.stats.roi')} value={<Typography.Text type={s.roi?.startsWith('-') ? 'danger' : undefined}>{formatPercent(s.roi)}</Typography.Text>} note={s.roi === null ? t('campaigns.stats.roiNoCost') : undefined} />
        </Col>
      </Row>
      {email && (
        <Card size="small" title={t('campaigns.stats.funnel')}>
          {s.recipients === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.stats.notSent')} />
          ) : (
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
              <StatsFunnelChart stats={s} />
            </Suspense>
          )}
        </Card>
      )}
    </div>
  )
}
