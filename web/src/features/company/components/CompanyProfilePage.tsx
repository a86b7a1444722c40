import { App, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Skeleton } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { CurrencySelect } from '../../../components/CurrencySelect'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useCompanyProfile } from '../hooks/useCompanyProfile'
import { useSaveCompanyProfile } from '../hooks/useSaveCompanyProfile'
import type { CompanyProfile, CompanyProfileInput } from '../types'
import { TimeZoneSelect } from '../../service-settings/components/TimeZoneSelect'
import { LogoPicker } from './LogoPicker'

type Values = Pick<CompanyProfile, 'name' | 'address' | 'phone' | 'email' | 'website' | 'taxId' | 'logo' | 'quoteTerms' | 'currency' | 'timeZone'> & { quoteValidityDays: number | null }

/** The company on every quote PDF: name, logo, address, phone, e-mail and tax number (admins). */
export default function CompanyProfilePage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const profile = useCompanyProfile()
  const save = useSaveCompanyProfile()
  useEffect(() => {
    if (profile.data) form.setFieldsValue(profile.data as Values)
  }, [profile.data, form])

  if (profile.isPending) return <Skeleton active paragraph={{ rows: 6 }} />
  if (profile.error) return <ErrorResult error={profile.error} onRetry={() => void profile.refetch()} />

  const f = (k: string) => t(`company.fields.${k}`)
  const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null)
  const submit = (v: Values) =>
    save.mutate(
      {
        name: v.name.trim(),
        address: blankToNull(v.address),
        phone: blankToNull(v.phone),
        email: blankToNull(v.email),
        website: blankToNull(v.website),
        taxId: blankToNull(v.taxId),
        logo: v.logo ?? null,
        quoteValidityDays: v.quoteValidityDays ?? undefined,
        quoteTerms: blankToNull(v.quoteTerms),
        currency: v.currency,
        timeZone: v.timeZone,
      } satisfies CompanyProfileInput,
      { onSuccess: () => void message.success(t('company.saved')), onError },
    )
  return (
    <>
      <PageHeader title={t('company.title')} subtitle={t('company.subtitle')} />
      <Card style={{ maxWidth: 880 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={save.isPending} initialValues={profile.data as Values}>
          <Form.Item name="logo" label={f('logo')}>
            <LogoPicker />
          </Form.Item>
          <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="address" label={f('address')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name="phone" label={f('phone')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="email" label={f('email')} rules={[{ type: 'email', message: t('validation.email') }]}>
                <Input type="email" maxLength={254} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="website" label={f('website')}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="taxId" label={f('taxId')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="quoteValidityDays" label={f('quoteValidityDays')}>
                <InputNumber min={1} max={365} precision={0} addonAfter={t('company.days')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="quoteTerms" label={f('quoteTerms')} extra={t('company.quoteTermsHint')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
          <Divider orientation="left" plain>
            {t('company.defaults')}
          </Divider>
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item name="currency" label={f('currency')} extra={t('company.currencyHint')} rules={[{ required: true, message: t('validation.required') }]}>
                <CurrencySelect aria-label={f('currency')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="timeZone" label={f('timeZone')} extra={t('company.timeZoneHint')} rules={[{ required: true, message: t('validation.required') }]}>
                <TimeZoneSelect aria-label={f('timeZone')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  )
}
