import { Select } from 'antd'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'

interface Props<V extends string> {
  /** The values offered, in order. */
  values: readonly V[]
  /** The i18n key each value's label is under: `${labels}.${value}`. */
  labels: string
  value: V | undefined
  onChange: (value: V | undefined) => void
  /** Shown while nothing is chosen, and the control's accessible name. */
  label: string
  style?: CSSProperties
}

/** A list filter over a fixed set of values (a status, a type): clearable, labelled in the UI's language. */
export function EnumFilter<V extends string>({ values, labels, value, onChange, label, style }: Props<V>) {
  const { t } = useTranslation()
  return (
    <Select<V>
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      placeholder={label}
      aria-label={label}
      options={values.map((v) => ({ value: v, label: t(`${labels}.${v}`) }))}
      style={style}
    />
  )
}
