import { Form, Input, Modal, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../../lib/forms'
import { useServerMessage } from '../../../hooks/useServerMessage'
import { useTicketMutation } from '../hooks/useTicketMutation'
import type { Ticket } from '../types'

interface Props {
  open: boolean
  ticket: Ticket
  onClose: () => void
}

/** Resolving needs the resolution (处理结果): what was done, in words the customer reads. */
export function ResolveModal({ open, ticket, onClose }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ resolution: string }>()
  const mutation = useTicketMutation(ticket)
  const serverMessage = useServerMessage()

  useEffect(() => {
    if (open) form.setFieldsValue({ resolution: ticket.resolution ?? '' })
  }, [open, ticket.resolution, form])

  const submit = async ({ resolution }: { resolution: string }) => {
    const saved = await mutation.change(
      { status: 'resolved', resolution: resolution.trim() },
      { success: t('tickets.resolve.done'), onError: (e) => applyFieldErrors(form, e, serverMessage) },
    )
    if (saved) onClose()
  }

  return (
    <Modal
      open={open}
      title={t('tickets.resolve.title', { number: ticket.number })}
      okText={t('tickets.resolve.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary" data-testid="resolve-mail-hint">
        {ticket.contactEmail ? t('tickets.resolve.hintMail', { email: ticket.contactEmail }) : t('tickets.resolve.hintNoMail')}
      </Typography.Paragraph>
      {ticket.expectedResolution && (
        <Typography.Paragraph>
          <Typography.Text type="secondary">{t('tickets.fields.expectedResolution')}: </Typography.Text>
          {ticket.expectedResolution}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={mutation.isPending}>
        <Form.Item name="resolution" label={t('tickets.fields.resolution')} rules={[{ required: true, whitespace: true, message: t('tickets.resolve.required') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder={t('tickets.resolve.placeholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}
