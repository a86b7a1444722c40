import { Form, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UserSelect } from '../features/users/components/UserSelect'

interface Props {
  open: boolean
  /** How many records are selected. */
  count: number
  loading?: boolean
  onAssign: (ownerId: string) => void
  onCancel: () => void
}

/** Bulk reassignment: pick the new owner of the selected records. */
export function AssignOwnerModal({ open, count, loading, onAssign, onCancel }: Props) {
  const { t } = useTranslation()
  const [ownerId, setOwnerId] = useState<string | undefined>()
  return (
    <Modal
      open={open}
      title={t('assign.title', { count })}
      onCancel={onCancel}
      onOk={() => ownerId && onAssign(ownerId)}
      okText={t('assign.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ownerId, loading }}
      afterClose={() => setOwnerId(undefined)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('assign.explain')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('assign.owner')}>
          <UserSelect activeOnly value={ownerId} onChange={setOwnerId} aria-label={t('assign.owner')} data-testid="assign-owner" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
