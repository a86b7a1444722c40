import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Switch } from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { CurrencySelect } from '../../../components/CurrencySelect'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import { useConvertLead } from '../hooks/useConvertLead'
import type { Lead, LeadConvert } from '../types'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

interface Values {
  target: 'new' | 'existing'
  customerId?: string
  createOpportunity: boolean
  opportunityName?: string
  amount?: string | null
  currency: string
  expectedCloseDate?: Dayjs | null
}

/** Lead → customer (new, or an existing one) + contact, and optionally a deal; then go there. */
export function ConvertLeadModal({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<Values>()
  const { currency } = useCompanyLocale()
  const onError = useFormErrorHandler(form)
  const convert = useConvertLead()
  const target = Form.useWatch('target', form)
  const withDeal = Form.useWatch('createOpportunity', form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue({ target: 'new', createOpportunity: true, opportunityName: lead.company ? `${lead.company} · ${lead.name}` : lead.name, currency, amount: null })
  }, [open, lead, form, currency])

  const submit = (v: Values) => {
    const body: LeadConvert = {
      createOpportunity: v.createOpportunity,
      ...(v.target === 'existing' && v.customerId ? { customerId: v.customerId } : {}),
      ...(v.createOpportunity
        ? {
            opportunityName: v.opportunityName?.trim() || null,
            ...(v.amount ? { amount: String(v.amount) } : {}),
            currency: v.currency,
            ...(v.expectedCloseDate ? { expectedCloseDate: v.expectedCloseDate.format('YYYY-MM-DD') } : {}),
          }
        : {}),
    }
    convert.mutate(
      { id: lead.id, body },
      {
        onSuccess: (r) => {
          message.success(r.opportunity ? t('leads.convert.doneWithDeal', { name: r.customer.name }) : t('leads.convert.done', { name: r.customer.name }))
          onClose()
          navigate(r.opportunity ? `/opportunities/${r.opportunity.id}` : `/customers/${r.customer.id}`)
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409) {
            message.warning(t('leads.convert.already'))
            onClose()
          } else onError(e)
        },
      },
    )
  }

  return (
    <Modal
      open={open}
      title={t('leads.convert.title', { name: lead.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('leads.convert.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={convert.isPending}
      width={600}
      forceRender
    >
      <Alert type="info" showIcon message={t('leads.convert.explain')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={convert.isPending}>
        <Form.Item name="target" label={t('leads.convert.customer')}>
          <Radio.Group>
            <Radio value="new">{t('leads.convert.newCustomer', { name: lead.company || lead.name })}</Radio>
            <Radio value="existing">{t('leads.convert.existingCustomer')}</Radio>
          </Radio.Group>
        </Form.Item>
        {target === 'existing' && (
          <Form.Item name="customerId" rules={[{ required: true, message: t('validation.required') }]}>
            <CustomerSelect aria-label={t('leads.convert.existingCustomer')} />
          </Form.Item>
        )}
        <Form.Item name="createOpportunity" label={t('leads.convert.createOpportunity')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {withDeal && (
          <>
            <Form.Item name="opportunityName" label={t('opportunities.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={9}>
                <Form.Item name="amount" label={t('opportunities.fields.amount')}>
                  <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={7}>
                <Form.Item name="currency" label={t('opportunities.fields.currency')}>
                  <CurrencySelect />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="expectedCloseDate" label={t('opportunities.fields.expectedCloseDate')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
      </Form>
    </Modal>
  )
}
