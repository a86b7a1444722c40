import { SearchOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useTranslation } from 'react-i18next'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EnumFilter } from '../../../components/EnumFilter'
import { UserSelect } from '../../users/components/UserSelect'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { FilterChips, createdChip } from '../../../components/FilterChips'
import type { useLeadListParams } from '../hooks/useLeadListParams'
import { LEAD_STATUSES } from '../types'

/** Search plus status, owner, team and source filters; a drill-down's period and campaign as chips. */
export function LeadFilters({ list }: { list: ReturnType<typeof useLeadListParams> }) {
  const { t } = useTranslation()
  const { filters, update, clear, hasFilters } = list
  const f = (k: string) => t(`leads.fields.${k}`)
  const chips = [
    ...createdChip(t, filters, update),
    ...(filters.campaignId ? [{ key: 'campaignId', label: t('common.fromCampaign'), onClose: () => update({ campaignId: undefined }) }] : []),
  ]
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <DebouncedInput
          value={filters.q}
          onChange={(q) => update({ q })}
          prefix={<SearchOutlined />}
          placeholder={t('leads.searchPlaceholder')}
          aria-label={t('leads.searchPlaceholder')}
          style={{ width: 280 }}
        />
        <EnumFilter values={LEAD_STATUSES} labels="leads.status" value={filters.status} onChange={(status) => update({ status })} label={f('status')} style={{ width: 130 }} />
        <UserSelect value={filters.ownerId} onChange={(ownerId) => update({ ownerId })} placeholder={f('ownerId')} aria-label={f('ownerId')} style={{ width: 160 }} />
        <TeamSelect value={filters.teamId} onChange={(teamId) => update({ teamId })} placeholder={t('common.team')} aria-label={t('common.team')} style={{ width: 160 }} />
        <DebouncedInput value={filters.source ?? ''} onChange={(source) => update({ source })} placeholder={f('source')} aria-label={f('source')} style={{ width: 140 }} />
        {hasFilters && (
          <Button type="link" onClick={clear}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Flex>
      <FilterChips chips={chips} />
    </>
  )
}
