import { Form, Modal, Typography } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import { useTicketMutation } from '../hooks/useTicketMutation'
import type { Ticket } from '../types'

interface Props {
  open: boolean
  ticket: Ticket
  onClose: () => void
}

/** An unknown caller turned out to be a customer: link the ticket, keep what the caller said. */
export function MatchCustomerModal({ open, ticket, onClose }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ customerId: string }>()
  const mutation = useTicketMutation(ticket)
  const picked = useRef('')
  const submit = async ({ customerId }: { customerId: string }, name: string) => {
    const saved = await mutation.change({ customerId }, { success: t('tickets.matched', { name }) })
    if (saved) onClose()
  }
  return (
    <Modal
      open={open}
      title={t('tickets.matchTitle', { number: ticket.number })}
      okText={t('tickets.matchCustomer')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('tickets.matchHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v, picked.current)} preserve={false}>
        <Form.Item name="customerId" label={t('tickets.fields.customerId')} rules={[{ required: true, message: t('validation.required') }]}>
          <CustomerSelect
            autoFocus
            onChange={(id, customer) => {
              picked.current = customer?.name ?? ''
              form.setFieldsValue({ customerId: id })
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
