import { Alert, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Customer } from '../types'

interface Props {
  customer: Customer | null
  loading: boolean
  onConfirm: (c: Customer) => void
  onCancel: () => void
}

/** Permanent deletion asks the admin to type the customer's name first. */
export function PurgeCustomerModal({ customer, loading, onConfirm, onCancel }: Props) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const matches = customer !== null && typed.trim() === customer.name.trim()
  const close = () => {
    setTyped('')
    onCancel()
  }
  return (
    <Modal
      open={customer !== null}
      title={t('customers.purge.title', { name: customer?.name ?? '' })}
      onCancel={close}
      onOk={() => customer && matches && onConfirm(customer)}
      okText={t('customers.purge.confirm')}
      okButtonProps={{ danger: true, disabled: !matches, loading }}
      cancelText={t('common.cancel')}
      afterClose={() => setTyped('')}
      destroyOnHidden
    >
      <Alert type="error" showIcon message={t('customers.purge.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('customers.purge.typeName')} <Typography.Text code>{customer?.name}</Typography.Text>
      </Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('customers.purge.typeNameLabel')} autoFocus />
    </Modal>
  )
}
