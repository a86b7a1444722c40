import { SearchOutlined } from '@ant-design/icons'
import { Button, Flex, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import { BREACH_FILTERS, type useTicketListParams } from '../hooks/useTicketListParams'
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../types'

/** Search plus status, priority, type, customer and SLA filters. */
export function TicketFilters({ list }: { list: ReturnType<typeof useTicketListParams> }) {
  const { t } = useTranslation()
  const { filters, update, clear, hasFilters } = list
  const f = (k: string) => t(`tickets.fields.${k}`)
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <DebouncedInput
        value={filters.q}
        onChange={(q) => update({ q })}
        prefix={<SearchOutlined />}
        placeholder={t('tickets.searchPlaceholder')}
        aria-label={t('tickets.searchPlaceholder')}
        style={{ width: 260 }}
      />
      <Select
        allowClear
        value={filters.status}
        onChange={(status) => update({ status })}
        placeholder={f('status')}
        aria-label={f('status')}
        options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`tickets.status.${s}`) }))}
        style={{ width: 130 }}
      />
      <Select
        allowClear
        value={filters.priority}
        onChange={(priority) => update({ priority })}
        placeholder={f('priority')}
        aria-label={f('priority')}
        options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))}
        style={{ width: 110 }}
      />
      <Select
        allowClear
        value={filters.type}
        onChange={(type) => update({ type })}
        placeholder={f('type')}
        aria-label={f('type')}
        options={TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))}
        style={{ width: 110 }}
      />
      <Select
        allowClear
        value={filters.breach}
        onChange={(breach) => update({ breach })}
        placeholder={f('sla')}
        aria-label={f('sla')}
        options={BREACH_FILTERS.map((b) => ({ value: b, label: t(`tickets.breach.${b}`) }))}
        style={{ width: 130 }}
      />
      <CustomerSelect value={filters.customerId} onChange={(customerId) => update({ customerId })} aria-label={f('customerId')} style={{ width: 220 }} />
      {hasFilters && (
        <Button type="link" onClick={clear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Flex>
  )
}
