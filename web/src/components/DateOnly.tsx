import { Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDate, formatDateTime } from '../lib/format'

/** The date of a timestamp, with the full time on hover (for narrow table columns). */
export function DateOnly({ value }: { value: string | null | undefined }) {
  useTranslation() // re-render when the language changes
  if (!value) return null
  return (
    <Tooltip title={formatDateTime(value)}>
      <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
        {formatDate(value)}
      </time>
    </Tooltip>
  )
}
