import { Col, Divider, Form, Input, Row, Segmented, Select } from 'antd'
import type { FormInstance, FormRule } from 'antd'
import { useTranslation } from 'react-i18next'
import { ContactSelect } from '../../contacts/components/ContactSelect'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import type { TicketFormValues } from '../form'
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '../types'
import { OrderProductFields } from './OrderProductFields'
import { SupportUserSelect } from './SupportUserSelect'
import { useFieldRules } from '../../../hooks/useFieldRules'

interface Props {
  form: FormInstance<TicketFormValues>
  initialValues: TicketFormValues
  onFinish: (values: TicketFormValues) => void
  disabled?: boolean
  /** The customer's name when the form opens on his page. */
  customerName?: string
}

/** A phone or in-person inquiry, complaint or after-sales request; unknown callers are recorded as given. */
export function TicketForm({ form, initialValues, onFinish, disabled, customerName }: Props) {
  const { t } = useTranslation()
  const rules = useFieldRules()
  const f = (name: string) => t(`tickets.fields.${name}`)
  const who = Form.useWatch('who', form) ?? initialValues.who
  const type = Form.useWatch('type', form) ?? initialValues.type
  const customerId = Form.useWatch('customerId', form) ?? undefined
  const half = { xs: 24, sm: 12 }
  const third = { xs: 24, sm: 8 }
  const callerRule: FormRule = ({ getFieldValue }) => ({
    validator: () =>
      ['contactName', 'contactEmail', 'contactPhone'].some((k) => String(getFieldValue(k) ?? '').trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t('tickets.form.callerRequired'))),
  })

  return (
    <Form<TicketFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={disabled} scrollToFirstError>
      <Form.Item name="type" label={f('type')}>
        <Segmented block options={TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="channel" label={f('channel')}>
            <Select options={TICKET_CHANNELS.map((c) => ({ value: c, label: t(`tickets.channel.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="priority" label={f('priority')}>
            <Select options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Divider orientation="left" plain style={{ marginTop: 0 }}>
        {t('tickets.form.whoTitle')}
      </Divider>
      <Form.Item name="who">
        <Segmented
          options={[
            { value: 'customer', label: t('tickets.form.knownCustomer') },
            { value: 'caller', label: t('tickets.form.unknownCaller') },
          ]}
        />
      </Form.Item>
      {who === 'customer' ? (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="customerId" label={f('customerId')} rules={[{ required: true, message: t('validation.required') }]}>
              <CustomerSelect knownLabel={customerName} onChange={(id) => form.setFieldsValue({ customerId: id ?? null, contactId: null, orderId: null, productId: null })} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contactId" label={f('contactId')}>
              <ContactSelect customerId={customerId ?? undefined} />
            </Form.Item>
          </Col>
          {type !== 'inquiry' && (
            <Col xs={24}>
              <OrderProductFields customerId={customerId ?? undefined} />
            </Col>
          )}
        </Row>
      ) : (
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="contactName" label={f('callerName')} rules={[callerRule]} dependencies={['contactEmail', 'contactPhone']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="contactPhone" label={f('callerPhone')} rules={rules.phone}>
              <Input type="tel" maxLength={40} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="contactEmail" label={f('callerEmail')} rules={rules.email}>
              <Input type="email" maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Divider orientation="left" plain style={{ marginTop: 0 }}>
        {t('tickets.form.problemTitle')}
      </Divider>
      <Form.Item name="subject" label={f('subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="description" label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={20000} />
      </Form.Item>
      {type === 'complaint' && (
        <Form.Item name="expectedResolution" label={f('expectedResolution')} extra={t('tickets.form.complaintHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
      )}
      <Form.Item name="assigneeId" label={f('assigneeId')} extra={t('tickets.form.assigneeHint')}>
        <SupportUserSelect />
      </Form.Item>
    </Form>
  )
}
