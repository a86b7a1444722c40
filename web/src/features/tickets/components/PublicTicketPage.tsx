import { CheckCircleFilled } from '@ant-design/icons'
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Segmented, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../../components/LanguageSwitch'
import { Logo } from '../../../components/Logo'
import { useErrorText } from '../../../hooks/useErrorText'
import { applyFieldErrors } from '../../../lib/forms'
import { isApiError } from '../../../lib/ApiError'
import { useServerMessage } from '../../../hooks/useServerMessage'
import { toPublicInput, type PublicFormValues } from '../form'
import { useSubmitPublicTicket } from '../hooks/useSubmitPublicTicket'
import { useCompanyBrand } from '../hooks/useCompanyBrand'
import { TICKET_TYPES } from '../types'

/**
 * The customer-facing form at /support/new: no sign-in, outside the app layout. `website2` is a
 * honeypot: hidden from people (and from screen readers), filled in by form-stuffing bots.
 */
export default function PublicTicketPage() {
  const { t, i18n } = useTranslation()
  const brand = useCompanyBrand()
  const [form] = Form.useForm<PublicFormValues>()
  const submit = useSubmitPublicTicket()
  const errorText = useErrorText()
  const serverMessage = useServerMessage()
  const [number, setNumber] = useState<string | null>(null)
  const type = Form.useWatch('type', form)
  const p = (k: string) => t(`tickets.public.${k}`)

  const onFinish = (values: PublicFormValues) =>
    submit.mutate(toPublicInput(values, i18n.language), {
      onSuccess: (r) => setNumber(r.number),
      onError: (e) => void applyFieldErrors(form, e, serverMessage),
    })

  const failure = submit.error && !(isApiError(submit.error) && submit.error.errors.length > 0)
  const failureText = !failure ? null : isApiError(submit.error) && submit.error.status === 429 ? p('tooMany') : isApiError(submit.error) && submit.error.status === 0 ? errorText(submit.error) : p('failed')

  return (
    <Flex vertical align="center" style={{ minHeight: '100%', padding: '40px 16px 64px', background: 'linear-gradient(160deg, #eef2ff 0%, #f5f6fa 45%, #f8fafc 100%)' }}>
      <Flex justify="space-between" align="center" style={{ width: '100%', maxWidth: 640, marginBottom: 24 }}>
        {brand.data?.name || brand.data?.logo ? (
          <Flex align="center" gap={10} data-testid="public-brand">
            {brand.data.logo && <img src={brand.data.logo} alt="" style={{ maxHeight: 36, maxWidth: 160 }} />}
            {brand.data.name && (
              <Typography.Text strong style={{ fontSize: 18 }}>
                {brand.data.name}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Logo size={32} />
        )}
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 640, boxShadow: '0 8px 24px rgba(15, 23, 42, 0.06)' }} styles={{ body: { padding: '28px 32px' } }}>
        {number ? (
          <Flex vertical align="center" gap={12} style={{ padding: '24px 0', textAlign: 'center' }} data-testid="public-ticket-done">
            <CheckCircleFilled style={{ fontSize: 48, color: '#10b981' }} />
            <Typography.Title level={3} style={{ margin: 0 }}>
              {p('thanksTitle')}
            </Typography.Title>
            <Typography.Text style={{ fontSize: 28, fontWeight: 600, letterSpacing: 1 }} copyable data-testid="public-ticket-number">
              {number}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ maxWidth: 440 }}>
              {t('tickets.public.thanks', { number })}
            </Typography.Paragraph>
            <Button
              onClick={() => {
                setNumber(null)
                submit.reset()
                form.resetFields()
              }}
            >
              {p('another')}
            </Button>
          </Flex>
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {p('title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {p('subtitle')}
            </Typography.Paragraph>
            {failureText && <Alert type="error" showIcon message={failureText} role="alert" style={{ marginBottom: 16 }} />}
            <Form<PublicFormValues> form={form} layout="vertical" initialValues={{ type: 'inquiry' }} onFinish={onFinish} disabled={submit.isPending} scrollToFirstError>
              <Form.Item name="type" label={p('type')}>
                <Segmented block options={TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24}>
                  <Form.Item name="contactName" label={p('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                    <Input maxLength={200} autoComplete="name" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="contactEmail"
                    label={p('email')}
                    dependencies={['contactPhone']}
                    rules={[
                      { type: 'email', message: t('validation.email') },
                      ({ getFieldValue }) => ({
                        validator: (_, v: string | undefined) => (v?.trim() || String(getFieldValue('contactPhone') ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(p('contactRequired')))),
                      }),
                    ]}
                  >
                    <Input type="email" maxLength={254} autoComplete="email" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="contactPhone" label={p('phone')}>
                    <Input type="tel" maxLength={40} autoComplete="tel" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="subject" label={p('subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="description" label={p('description')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10000} />
              </Form.Item>
              {type === 'complaint' && (
                <Form.Item name="expectedResolution" label={p('expectedResolution')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
                </Form.Item>
              )}
              {/* Off-screen rather than display:none: some bots skip fields that are not rendered. */}
              <div aria-hidden="true" style={{ position: 'absolute', left: -10000, top: 'auto', width: 1, height: 1, overflow: 'hidden' }}>
                <Form.Item name="website2" label={p('website')}>
                  <Input tabIndex={-1} autoComplete="off" />
                </Form.Item>
              </div>
              <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
                {p('submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </Flex>
  )
}
