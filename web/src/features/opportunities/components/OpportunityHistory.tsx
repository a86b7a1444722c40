import { ArrowRightOutlined, DollarOutlined, PlusCircleOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons'
import { Flex, Skeleton, Tag, Timeline, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { Money } from '../../../components/Money'
import { EMPTY } from '../../../lib/fieldDisplay'
import { StageTag } from '../../pipeline-stages/components/StageTag'
import { useUserNames } from '../../users/hooks/useUserNames'
import { useOpportunityHistory } from '../hooks/useOpportunityHistory'
import type { HistoryEntry, Opportunity } from '../types'

const DOTS = {
  created: { icon: <PlusCircleOutlined />, color: 'green' },
  stage: { icon: <SwapOutlined />, color: 'purple' },
  ownerId: { icon: <UserSwitchOutlined />, color: 'blue' },
  amount: { icon: <DollarOutlined />, color: 'gold' },
} as const satisfies Record<HistoryEntry['field'], { icon: ReactNode; color: string }>

/** Every stage, owner and amount change of the deal, with who and when; newest first. */
export function OpportunityHistory({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation()
  const userNames = useUserNames()
  const history = useOpportunityHistory(o.id)
  if (history.isPending) return <Skeleton active />
  if (history.error) return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />
  if (history.data.length === 0) return <EmptyState title={t('history.empty')} />

  const none = <Typography.Text type="secondary">{EMPTY}</Typography.Text>
  const value = (e: HistoryEntry, v: string | null): ReactNode => {
    if (v === null || v === '') return none
    if (e.field === 'stage') return <StageTag stage={v} />
    if (e.field === 'ownerId') return <Typography.Text strong>{userNames.get(v) ?? v}</Typography.Text>
    if (e.field === 'amount') return <Money amount={v} currency={o.currency} strong />
    return v
  }
  const change = (e: HistoryEntry) => {
    if (e.field === 'created') return e.after ? <Flex gap={6} align="center">{t('opportunities.history.createdIn')} {value({ ...e, field: 'stage' }, e.after)}</Flex> : null
    return (
      <Flex gap={8} align="center" wrap>
        {value(e, e.before)}
        <ArrowRightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
        {value(e, e.after)}
      </Flex>
    )
  }

  return (
    <Timeline
      data-testid="opportunity-history"
      style={{ paddingTop: 12 }}
      items={history.data.map((e) => ({
        key: e.id,
        color: DOTS[e.field].color,
        dot: DOTS[e.field].icon,
        children: (
          <div data-testid="history-entry" data-field={e.field}>
            <Flex gap={8} align="center" wrap>
              <Tag bordered={false} color={DOTS[e.field].color}>
                {t(`opportunities.history.${e.field}`)}
              </Tag>
              <Typography.Text strong>{e.actorName ?? t('audit.system')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <DateTime value={e.at} />
              </Typography.Text>
            </Flex>
            <div style={{ marginTop: 6 }}>{change(e)}</div>
          </div>
        ),
      }))}
    />
  )
}
