import { DatePicker, Input, InputNumber, Select } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { CampaignSelect } from '../../campaigns/components/CampaignSelect'
import { UserSelect } from '../../users/components/UserSelect'
import { fieldDef, fieldLabelKey, valueKindOf } from '../segment'
import { SuggestedTextInput, SuggestedValuesInput } from './SuggestedValueInput'
import type { Condition } from '../types'

interface Props {
  condition: Condition
  onChange: (value: Condition['value']) => void
  status?: 'error'
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [])
const asText = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/** The value part of a segment row, shaped by its field and operator. */
export function ConditionValueInput({ condition, onChange, status }: Props) {
  const { t } = useTranslation()
  const { field, op, value } = condition
  const kind = valueKindOf(field, op)
  const def = fieldDef(field)
  const label = t('mailingLists.segment.valueLabel', { field: t(fieldLabelKey(field)) })
  const common = { 'aria-label': label, status, style: { width: '100%' } }
  const enumOptions = (def?.values ?? []).map((o) => ({ value: o, label: t(`mailingLists.values.${field.replace('.', '_')}.${o}`) }))

  switch (kind) {
    case 'none':
      return null
    case 'enum':
      return <Select {...common} value={asText(value)} options={enumOptions} onChange={(v: string) => onChange(v)} />
    case 'enumMulti':
      return <Select {...common} mode="multiple" value={asList(value)} options={enumOptions} onChange={(v: string[]) => onChange(v)} />
    case 'multi':
      if (def?.type === 'text') return <SuggestedValuesInput {...common} field={field} value={asList(value)} onChange={onChange} />
      return (
        <Select
          {...common}
          mode="tags"
          value={asList(value)}
          tokenSeparators={[',', '，', ';', '；']}
          placeholder={t('mailingLists.segment.tagsHint')}
          open={false}
          suffixIcon={null}
          onChange={(v: string[]) => onChange(v)}
        />
      )
    case 'number':
      return <InputNumber {...common} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} />
    case 'days':
      return (
        <InputNumber
          {...common}
          min={0}
          max={36500}
          precision={0}
          value={typeof value === 'number' ? value : null}
          addonAfter={t('mailingLists.segment.days')}
          onChange={(v) => onChange(v ?? undefined)}
        />
      )
    case 'date':
      return <DatePicker {...common} value={asText(value) ? dayjs(asText(value)) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} />
    case 'user':
      return <UserSelect {...common} value={asText(value)} onChange={(v) => onChange(v ?? undefined)} />
    case 'campaign':
      return <CampaignSelect {...common} value={asText(value)} onChange={(v) => onChange(v ?? undefined)} />
    default:
      if (def?.type === 'text') return <SuggestedTextInput {...common} field={field} value={typeof value === 'string' ? value : ''} onChange={onChange} />
      return <Input {...common} value={typeof value === 'string' ? value : ''} maxLength={500} placeholder={t('mailingLists.segment.valueHint')} onChange={(e) => onChange(e.target.value)} />
  }
}
