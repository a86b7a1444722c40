import { Form, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { LostReasonFields } from '../../lost-reasons/components/LostReasonFields'

/** Why a deal was lost: a reason from the admin's list, and a note ("other" requires one). */
export interface LostChoice {
  lostReasonId: string
  lostNote: string | null
}

interface Props {
  /** The deal being closed as lost; null = closed. */
  dealName: string | null
  stageName: string
  loading?: boolean
  onConfirm: (lost: LostChoice) => void
  onCancel: () => void
}

/** Moving a deal to a lost stage asks why (the server requires it). */
export function LostReasonModal({ dealName, stageName, loading, onConfirm, onCancel }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ lostReasonId: string; lostNote?: string }>()
  return (
    <Modal
      open={dealName !== null}
      title={t('opportunities.lost.title', { name: dealName ?? '', stage: stageName })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('opportunities.lost.confirm')}
      okButtonProps={{ danger: true, loading }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('opportunities.lost.explain')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => onConfirm({ lostReasonId: v.lostReasonId, lostNote: v.lostNote?.trim() || null })} preserve={false}>
        <LostReasonFields autoFocus />
      </Form>
    </Modal>
  )
}
