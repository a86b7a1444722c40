import { useTranslation } from 'react-i18next'
import { useLostReasons } from '../hooks/useLostReasons'
import { lostReasonLabel } from '../types'

/** A lost deal's reason in the UI's language, with its note after it ("其他 · 客户被收购"). */
export function LostReasonText({ reasonId, note }: { reasonId: string | null; note: string | null }) {
  const { i18n } = useTranslation()
  const { data: reasons = [] } = useLostReasons()
  const reason = reasons.find((r) => r.id === reasonId)
  const label = reason ? lostReasonLabel(reason, i18n.language) : null
  return <span style={{ whiteSpace: 'pre-wrap' }}>{[label, note].filter(Boolean).join(' · ')}</span>
}
