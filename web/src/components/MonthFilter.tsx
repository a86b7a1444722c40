import { DatePicker } from 'antd'
import dayjs from 'dayjs'
import type { CSSProperties } from 'react'

interface Props {
  /** YYYY-MM or undefined. */
  value: string | undefined
  onChange: (month: string | undefined) => void
  placeholder: string
  style?: CSSProperties
}

/** A month picker whose value is the API's `YYYY-MM`. */
export function MonthFilter({ value, onChange, placeholder, style }: Props) {
  return (
    <DatePicker
      picker="month"
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM') : undefined)}
      placeholder={placeholder}
      aria-label={placeholder}
      allowClear
      style={style}
    />
  )
}
