import { DatePicker, Flex, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { UserSelect } from '../../users/components/UserSelect'
import { AUDIT_ENTITIES } from '../types'

export interface AuditFilterValues {
  entity?: string
  entityId?: string
  actorId?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

interface Props {
  value: AuditFilterValues
  onChange: (v: AuditFilterValues) => void
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function AuditFilters({ value, onChange }: Props) {
  const { t, i18n } = useTranslation()
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch })
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Select
        allowClear
        value={value.entity}
        onChange={(entity) => set({ entity })}
        placeholder={t('audit.fields.entity')}
        aria-label={t('audit.fields.entity')}
        options={AUDIT_ENTITIES.map((e) => ({ value: e, label: i18n.exists(`audit.entities.${e}`) ? t(`audit.entities.${e}`) : e }))}
        style={{ width: 150 }}
      />
      <UserSelect value={value.actorId} onChange={(actorId) => set({ actorId })} placeholder={t('audit.fields.actor')} aria-label={t('audit.fields.actor')} style={{ width: 170 }} />
      <DatePicker.RangePicker value={value.range ?? null} onChange={(range) => set({ range })} allowEmpty={[true, true]} />
      <DebouncedInput
        value={value.entityId ?? ''}
        onChange={(id) => set({ entityId: UUID.test(id.trim()) ? id.trim() : undefined })}
        placeholder={t('audit.fields.entityId')}
        aria-label={t('audit.fields.entityId')}
        style={{ width: 320 }}
      />
    </Flex>
  )
}
