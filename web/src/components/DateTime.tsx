import { Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatRelative } from '../lib/format'

/** A timestamp in the UI's language; `relative` shows "5 minutes ago" with the exact time on hover. */
export function DateTime({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  useTranslation() // re-render when the language changes
  if (!value) return null
  if (!relative) return <time dateTime={value}>{formatDateTime(value)}</time>
  return (
    <Tooltip title={formatDateTime(value)}>
      <time dateTime={value}>{formatRelative(value)}</time>
    </Tooltip>
  )
}
