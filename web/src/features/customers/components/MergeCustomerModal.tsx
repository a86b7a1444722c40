import { Alert, App, Form, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useMergeCustomers } from '../hooks/useMergeCustomers'
import type { Customer } from '../types'
import { CustomerSelect } from './CustomerSelect'

interface Props {
  open: boolean
  target: Customer
  onClose: () => void
}

/** Merge a duplicate INTO this customer: the duplicate is deleted, its contacts move here. */
export function MergeCustomerModal({ open, target, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const merge = useMergeCustomers()
  const notifyError = useNotifyError()
  const [source, setSource] = useState<Customer | undefined>()

  const close = () => {
    setSource(undefined)
    onClose()
  }
  const confirm = () =>
    source &&
    merge.mutate(
      { targetId: target.id, sourceId: source.id },
      {
        onSuccess: () => {
          message.success(t('customers.merge.done', { source: source.name, target: target.name }))
          close()
        },
        onError: notifyError,
      },
    )

  return (
    <Modal
      open={open}
      title={t('customers.merge.title')}
      onCancel={close}
      onOk={confirm}
      okText={t('customers.merge.confirm')}
      okButtonProps={{ danger: true, disabled: !source, loading: merge.isPending }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customers.merge.explain', { target: target.name })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('customers.merge.duplicate')}>
          <CustomerSelect excludeId={target.id} value={source?.id} onChange={(_id, c) => setSource(c)} autoFocus />
        </Form.Item>
      </Form>
      {source && (
        <Alert
          type="warning"
          showIcon
          message={t('customers.merge.summary', { source: source.name, target: target.name })}
          description={t('customers.merge.consequence', { source: source.name, target: target.name })}
        />
      )}
    </Modal>
  )
}
