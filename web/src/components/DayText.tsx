import { useTranslation } from 'react-i18next'
import { formatDay } from '../lib/format'

/** A calendar date (YYYY-MM-DD) such as an expected close date; `overdue` shows it in red. */
export function DayText({ value, overdue = false }: { value: string | null | undefined; overdue?: boolean }) {
  useTranslation() // re-render when the language changes
  if (!value) return null
  return (
    <time dateTime={value} style={{ whiteSpace: 'nowrap', color: overdue ? '#dc2626' : undefined }}>
      {formatDay(value)}
    </time>
  )
}
