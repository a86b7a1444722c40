import { Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  /** The deal being closed as lost; null = closed. */
  dealName: string | null
  stageName: string
  loading?: boolean
  onConfirm: (reason: string) => void
  onCancel: () => void
}

/** Moving a deal to a lost stage asks why (the server requires it). */
export function LostReasonModal({ dealName, stageName, loading, onConfirm, onCancel }: Props) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const ok = reason.trim().length > 0
  return (
    <Modal
      open={dealName !== null}
      title={t('opportunities.lost.title', { name: dealName ?? '', stage: stageName })}
      onCancel={onCancel}
      onOk={() => ok && onConfirm(reason.trim())}
      okText={t('opportunities.lost.confirm')}
      okButtonProps={{ danger: true, disabled: !ok, loading }}
      cancelText={t('common.cancel')}
      afterClose={() => setReason('')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('opportunities.lost.explain')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('opportunities.fields.lostReason')} required>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} autoFocus aria-label={t('opportunities.fields.lostReason')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
