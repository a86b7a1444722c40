import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportStatus } from '../types'

const COLORS = {
  analyzing: 'processing', ready: 'default', running: 'processing', dry_run_done: 'cyan', completed: 'success', failed: 'error', undone: 'default',
} as const satisfies Record<ImportStatus['status'], string>

export function ImportStatusTag({ status }: { status: ImportStatus['status'] }) {
  const { t } = useTranslation()
  return <Tag color={COLORS[status]}>{t(`imports.status.${status}`)}</Tag>
}
