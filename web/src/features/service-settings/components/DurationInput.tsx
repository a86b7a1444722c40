import { InputNumber, Select, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

type Unit = 'm' | 'h' | 'd'
const MINUTES: Record<Unit, number> = { m: 1, h: 60, d: 1440 }

/** The largest unit that shows this many minutes as a whole number. */
const unitFor = (minutes: number | undefined): Unit => (!minutes ? 'h' : minutes % 1440 === 0 ? 'd' : minutes % 60 === 0 ? 'h' : 'm')

interface Props {
  /** Whole minutes, as the server stores targets. */
  value?: number
  onChange?: (minutes: number | undefined) => void
  'aria-label'?: string
  id?: string
}

/** A span typed as minutes, hours or days, kept as whole minutes. */
export function DurationInput({ value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation()
  const [unit, setUnit] = useState<Unit>(() => unitFor(value))
  const shown = value === undefined || value === null ? null : Math.round((value / MINUTES[unit]) * 100) / 100
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<number>
        id={id}
        aria-label={rest['aria-label']}
        min={unit === 'm' ? 1 : 0.25}
        step={unit === 'm' ? 15 : 1}
        value={shown}
        onChange={(n) => onChange?.(n === null ? undefined : Math.round(n * MINUTES[unit]))}
        style={{ width: '100%' }}
      />
      <Select<Unit>
        value={unit}
        onChange={setUnit}
        aria-label={t('serviceSettings.unit')}
        options={(['m', 'h', 'd'] as const).map((u) => ({ value: u, label: t(`serviceSettings.units.${u}`) }))}
        style={{ width: 90 }}
      />
    </Space.Compact>
  )
}
