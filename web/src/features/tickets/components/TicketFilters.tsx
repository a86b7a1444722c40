import { SearchOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useTranslation } from 'react-i18next'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EnumFilter } from '../../../components/EnumFilter'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import { BREACH_FILTERS, type useTicketListParams } from '../hooks/useTicketListParams'
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../types'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { UserSelect } from '../../users/components/UserSelect'
import { FilterChips, createdChip } from '../../../components/FilterChips'

/** Search plus status, priority, type, customer and SLA filters; a report drill-down's channel, assignee, team and period too. */
export function TicketFilters({ list }: { list: ReturnType<typeof useTicketListParams> }) {
  const { t } = useTranslation()
  const { filters, update, clear, hasFilters } = list
  const f = (k: string) => t(`tickets.fields.${k}`)
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <DebouncedInput
          value={filters.q}
          onChange={(q) => update({ q })}
          prefix={<SearchOutlined />}
          placeholder={t('tickets.searchPlaceholder')}
          aria-label={t('tickets.searchPlaceholder')}
          style={{ width: 260 }}
        />
        <EnumFilter values={TICKET_STATUSES} labels="tickets.status" value={filters.status} onChange={(status) => update({ status })} label={f('status')} style={{ width: 130 }} />
        <EnumFilter values={TICKET_PRIORITIES} labels="tickets.priority" value={filters.priority} onChange={(priority) => update({ priority })} label={f('priority')} style={{ width: 110 }} />
        <EnumFilter values={TICKET_TYPES} labels="tickets.type" value={filters.type} onChange={(type) => update({ type })} label={f('type')} style={{ width: 110 }} />
        <EnumFilter values={BREACH_FILTERS} labels="tickets.breach" value={filters.breach} onChange={(breach) => update({ breach })} label={f('sla')} style={{ width: 130 }} />
        <CustomerSelect value={filters.customerId} onChange={(customerId) => update({ customerId })} aria-label={f('customerId')} style={{ width: 220 }} />
        {filters.channel && <EnumFilter values={TICKET_CHANNELS} labels="tickets.channel" value={filters.channel} onChange={(channel) => update({ channel })} label={f('channel')} style={{ width: 110 }} />}
        {list.view === 'all' && filters.assigneeId && <UserSelect value={filters.assigneeId} onChange={(assigneeId) => update({ assigneeId })} placeholder={f('assigneeId')} aria-label={f('assigneeId')} style={{ width: 150 }} />}
        {filters.assigneeTeamId && <TeamSelect value={filters.assigneeTeamId} onChange={(assigneeTeamId) => update({ assigneeTeamId })} placeholder={t('common.team')} aria-label={t('common.team')} style={{ width: 160 }} />}
        {hasFilters && (
          <Button type="link" onClick={clear}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Flex>
      <FilterChips chips={createdChip(t, filters, update)} />
    </>
  )
}
