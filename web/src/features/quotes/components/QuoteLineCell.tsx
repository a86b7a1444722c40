import { Input, InputNumber } from 'antd'
import { useTranslation } from 'react-i18next'
import type { QuoteLineDraft } from '../lines'

type Field = 'description' | 'quantity' | 'unitPrice' | 'discountPercent' | 'taxRate'

interface Props {
  line: QuoteLineDraft
  field: Field
  index: number
  disabled?: boolean
  onChange: (key: string, patch: Partial<QuoteLineDraft>) => void
}

const NUMBER_PROPS = {
  quantity: { min: '0', step: '1' },
  unitPrice: { min: '0', step: '1', precision: 2 },
  discountPercent: { min: '0', max: '100', step: '1', suffix: '%' },
  taxRate: { min: '0', max: '100', step: '1', suffix: '%' },
}

/** One editable cell of a quote line; numbers stay decimal strings (InputNumber in string mode). */
export function QuoteLineCell({ line, field, index, disabled, onChange }: Props) {
  const { t } = useTranslation()
  const label = `${t(`quotes.lines.${field}`)} ${index + 1}`
  if (field === 'description') {
    return (
      <Input
        value={line.description}
        onChange={(e) => onChange(line.key, { description: e.target.value })}
        maxLength={500}
        disabled={disabled}
        status={line.description.trim() ? undefined : 'warning'}
        aria-label={label}
        placeholder={t('quotes.lines.descriptionPlaceholder')}
      />
    )
  }
  return (
    <InputNumber<string>
      stringMode
      value={line[field]}
      onChange={(v) => onChange(line.key, { [field]: v })}
      disabled={disabled}
      aria-label={label}
      style={{ width: '100%' }}
      {...NUMBER_PROPS[field]}
    />
  )
}
