import { Col, Row } from 'antd'
import { useServerMessage } from '../../../hooks/useServerMessage'
import { isApiError } from '../../../lib/ApiError'
import { useAuth } from '../../auth/hooks/useAuth'
import { useSegmentPreview } from '../hooks/useSegmentPreview'
import { rowErrorsOf, type SegmentDraft } from '../segment'
import { SegmentBuilder } from './SegmentBuilder'
import { SegmentPreviewPanel } from './SegmentPreviewPanel'

interface Props {
  draft: SegmentDraft
  onChange: (next: SegmentDraft) => void
  /** Errors the last save got on the filter's rows. */
  saveErrors?: Record<number, string>
}

/** The builder beside its live preview; a bad row (as the server judges it) is marked where it is. */
export function SegmentEditor({ draft, onChange, saveErrors = {} }: Props) {
  const serverMessage = useServerMessage()
  // Only admin and marketing may see who is in a segment; a manager reads the saved list's count.
  const seesMembers = useAuth().hasRole('admin', 'marketing')
  const preview = useSegmentPreview(draft, seesMembers)
  const previewErrors = isApiError(preview.error) ? rowErrorsOf(preview.error.errors, serverMessage) : {}
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <SegmentBuilder value={draft} onChange={onChange} errors={{ ...previewErrors, ...saveErrors }} />
      </Col>
      {seesMembers && (
        <Col xs={24} xl={10}>
          <SegmentPreviewPanel preview={preview} />
        </Col>
      )}
    </Row>
  )
}
