import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLostReasons } from '../hooks/useLostReasons'
import { lostReasonLabel } from '../types'

/**
 * The reason (from the admin's list) and the note of a lost deal, as fields of the enclosing
 * antd Form (`lostReasonId`, `lostNote`): the note is required when the reason asks for one ("other").
 * `keep`: the reason the deal has now, offered even when no longer active.
 */
export function LostReasonFields({ keep, autoFocus }: { keep?: string | null; autoFocus?: boolean }) {
  const { t, i18n } = useTranslation()
  const { data: reasons = [], isPending } = useLostReasons()
  const form = Form.useFormInstance()
  const chosen = Form.useWatch('lostReasonId', form) as string | undefined
  const needsNote = reasons.find((r) => r.id === chosen)?.requiresNote ?? false
  const options = reasons.filter((r) => r.active || r.id === keep).map((r) => ({ value: r.id, label: lostReasonLabel(r, i18n.language) }))
  return (
    <>
      <Form.Item name="lostReasonId" label={t('opportunities.fields.lostReason')} rules={[{ required: true, message: t('opportunities.lostReasonRequired') }]}>
        <Select options={options} loading={isPending} autoFocus={autoFocus} placeholder={t('lostReasons.choose')} aria-label={t('opportunities.fields.lostReason')} />
      </Form.Item>
      <Form.Item
        name="lostNote"
        label={needsNote ? t('lostReasons.noteRequired') : t('lostReasons.note')}
        dependencies={['lostReasonId']}
        rules={[{ required: needsNote, whitespace: true, message: t('lostReasons.noteMissing') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} aria-label={t('lostReasons.note')} />
      </Form.Item>
    </>
  )
}
