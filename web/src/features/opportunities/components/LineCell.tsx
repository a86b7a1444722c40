import { Input, InputNumber } from 'antd'
import { useTranslation } from 'react-i18next'
import { currencySymbol } from '../../../lib/money'
import type { LineDraft } from '../lines'

type Field = 'description' | 'quantity' | 'unitPrice' | 'discountPercent'

interface Props {
  line: LineDraft
  field: Field
  index: number
  currency: string
  disabled?: boolean
  onChange: (key: string, patch: Partial<LineDraft>) => void
}

/** "18000" → "18,000.00" while not being typed; what the user types stays as typed. */
const grouped = (value: string | undefined, info: { userTyping: boolean; input: string }) => {
  if (info.userTyping) return info.input
  if (value === undefined || value === '') return ''
  const [int = '', frac = ''] = String(value).split('.')
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`
}
const ungrouped = (text: string | undefined) => (text ?? '').replace(/[,\s]/g, '')

/** One editable cell of a deal line; numbers stay decimal strings (InputNumber in string mode). */
export function LineCell({ line, field, index, currency, disabled, onChange }: Props) {
  const { t } = useTranslation()
  const label = `${t(`opportunities.lines.${field}`)} ${index + 1}`
  if (field === 'description') {
    return (
      <Input
        value={line.description}
        onChange={(e) => onChange(line.key, { description: e.target.value })}
        maxLength={500}
        disabled={disabled}
        status={line.description.trim() ? undefined : 'warning'}
        aria-label={label}
        placeholder={t('opportunities.lines.descriptionPlaceholder')}
      />
    )
  }
  const props = {
    quantity: { min: '0', step: '1' },
    unitPrice: { min: '0', step: '1', prefix: currencySymbol(currency), formatter: grouped, parser: ungrouped, controls: false },
    discountPercent: { min: '0', max: '100', step: '1', suffix: '%', controls: false },
  }[field]
  return (
    <InputNumber<string>
      stringMode
      value={line[field]}
      onChange={(v) => onChange(line.key, { [field]: v })}
      disabled={disabled}
      aria-label={label}
      style={{ width: '100%' }}
      {...props}
    />
  )
}
