import { Col, Form, Input, Modal, Row } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors, changedFields, emptyToNull } from '../../../lib/forms'
import { useServerMessage } from '../../../hooks/useServerMessage'
import { useTicketMutation } from '../hooks/useTicketMutation'
import type { Ticket, TicketChanges } from '../types'
import { useFieldRules } from '../../../hooks/useFieldRules'

interface Values {
  subject: string
  description: string | null
  expectedResolution: string | null
  contactName: string | null
  contactPhone: string | null
  contactEmail: string | null
}

const valuesOf = (tk: Ticket): Values => ({
  subject: tk.subject,
  description: tk.description,
  expectedResolution: tk.expectedResolution,
  contactName: tk.contactName,
  contactPhone: tk.contactPhone,
  contactEmail: tk.contactEmail,
})

/** Correct what was written down: the subject, the problem, the expected resolution, the caller's details. */
export function EditTicketModal({ open, ticket, onClose }: { open: boolean; ticket: Ticket; onClose: () => void }) {
  const { t } = useTranslation()
  const rules = useFieldRules()
  const [form] = Form.useForm<Values>()
  const mutation = useTicketMutation(ticket)
  const serverMessage = useServerMessage()
  const f = (k: string) => t(`tickets.fields.${k}`)

  useEffect(() => {
    if (open) form.setFieldsValue(valuesOf(ticket))
  }, [open, ticket, form])

  const submit = async (v: Values) => {
    const changes = changedFields(emptyToNull({ ...valuesOf(ticket) }), emptyToNull({ ...v })) as TicketChanges
    if (Object.keys(changes).length === 0) return onClose()
    const saved = await mutation.change(changes, { success: t('tickets.saved'), onError: (e) => applyFieldErrors(form, e, serverMessage) })
    if (saved) onClose()
  }

  return (
    <Modal
      open={open}
      title={t('tickets.editTitle', { number: ticket.number })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={mutation.isPending}>
        <Form.Item name="subject" label={f('subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="description" label={f('description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="expectedResolution" label={f('expectedResolution')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="contactName" label={t('tickets.fields.callerName')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactPhone" label={t('tickets.fields.callerPhone')} rules={rules.phone}>
              <Input type="tel" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactEmail" label={t('tickets.fields.callerEmail')} rules={rules.email}>
              <Input type="email" maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
