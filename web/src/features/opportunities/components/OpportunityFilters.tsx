import { SearchOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useTranslation } from 'react-i18next'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { MonthFilter } from '../../../components/MonthFilter'
import { EnumFilter } from '../../../components/EnumFilter'
import { StageSelect } from '../../pipeline-stages/components/StageSelect'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { UserSelect } from '../../users/components/UserSelect'
import type { useOpportunityListParams } from '../hooks/useOpportunityListParams'
import { OPPORTUNITY_STATUSES } from '../types'
import { OpportunityDrillChips } from './OpportunityDrillChips'

/** Search, stage, status (open / won / lost), owner, team and close month; a drill-down's other filters as chips. */
export function OpportunityFilters({ list }: { list: ReturnType<typeof useOpportunityListParams> }) {
  const { t } = useTranslation()
  const { filters, update, clear, hasFilters } = list
  const f = (k: string) => t(`opportunities.fields.${k}`)
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <DebouncedInput
          value={filters.q}
          onChange={(q) => update({ q })}
          prefix={<SearchOutlined />}
          placeholder={t('opportunities.searchPlaceholder')}
          aria-label={t('opportunities.searchPlaceholder')}
          style={{ width: 240 }}
        />
        <StageSelect allowClear value={filters.stage} onChange={(stage) => update({ stage })} placeholder={f('stage')} aria-label={f('stage')} style={{ width: 140 }} />
        <EnumFilter values={OPPORTUNITY_STATUSES} labels="opportunities.status" value={filters.status} onChange={(status) => update({ status })} label={t('opportunities.status.label')} style={{ width: 120 }} />
        <UserSelect value={filters.ownerId} onChange={(ownerId) => update({ ownerId })} placeholder={f('ownerId')} aria-label={f('ownerId')} style={{ width: 150 }} />
        <TeamSelect value={filters.teamId} onChange={(teamId) => update({ teamId })} placeholder={f('teamId')} aria-label={f('teamId')} style={{ width: 180 }} />
        <MonthFilter value={filters.closeMonth} onChange={(closeMonth) => update({ closeMonth })} placeholder={t('opportunities.closeMonth')} style={{ width: 150 }} />
        {hasFilters && (
          <Button type="link" onClick={clear}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Flex>
      <OpportunityDrillChips list={list} />
    </>
  )
}
