import { Alert, Button, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ApiTokenCreated } from '../types'

/** The secret is shown exactly once, with a copy button. */
export function TokenSecretModal({ created, onClose }: { created: ApiTokenCreated | null; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal
      open={created !== null}
      title={t('tokens.createdTitle', { name: created?.token.name ?? '' })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.copiedDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('tokens.onlyOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: created?.secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }} code style={{ wordBreak: 'break-all' }} data-testid="token-secret">
        {created?.secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('tokens.usage')}</Typography.Paragraph>
      <Typography.Paragraph code style={{ wordBreak: 'break-all' }}>
        {`Authorization: Bearer ${created?.secret ?? ''}`}
      </Typography.Paragraph>
    </Modal>
  )
}
