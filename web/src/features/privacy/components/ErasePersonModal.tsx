import { Alert, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  open: boolean
  name: string
  loading: boolean
  onConfirm: (typed: string) => void
  onCancel: () => void
}

/** Erasure cannot be undone: the admin reads what it does and types the person's name first. */
export function ErasePersonModal({ open, name, loading, onConfirm, onCancel }: Props) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const matches = typed.trim() === name.trim()
  return (
    <Modal
      open={open}
      title={t('privacy.erase.title', { name })}
      onCancel={onCancel}
      onOk={() => matches && onConfirm(typed)}
      okText={t('privacy.erase.confirm')}
      okButtonProps={{ danger: true, disabled: !matches, loading }}
      cancelText={t('common.cancel')}
      afterClose={() => setTyped('')}
      destroyOnHidden
    >
      <Alert type="error" showIcon message={t('privacy.erase.warning')} description={t('privacy.erase.what')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary">{t('privacy.erase.suppression')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('privacy.erase.typeName')} <Typography.Text code>{name}</Typography.Text>
      </Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('privacy.erase.typeNameLabel')} autoFocus />
    </Modal>
  )
}
