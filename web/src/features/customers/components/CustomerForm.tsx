import { Col, Divider, Form, Input, Radio, Row, Select } from 'antd'
import type { FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { UserSelect } from '../../users/components/UserSelect'
import type { CustomerFormValues } from '../form'
import { CUSTOMER_STATUSES, CUSTOMER_TYPES } from '../types'
import { useFieldRules } from '../../../hooks/useFieldRules'

interface Props {
  form: FormInstance<CustomerFormValues>
  initialValues: CustomerFormValues
  ownerName?: string | null
  onFinish: (values: CustomerFormValues) => void
  disabled?: boolean
}

/**
 * The customer's fields. The shared field rules check name, e-mail, phone and website all at once;
 * the server is the authority and its field errors (all of them, in one answer) appear under the same fields.
 */
export function CustomerForm({ form, initialValues, ownerName, onFinish, disabled }: Props) {
  const { t } = useTranslation()
  const rules = useFieldRules()
  const f = (name: string) => t(`customers.fields.${name}`)
  const half = { xs: 24, sm: 12 }
  return (
    <Form<CustomerFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={disabled} scrollToFirstError>
      <Form.Item name="type" label={f('type')}>
        <Radio.Group optionType="button" options={CUSTOMER_TYPES.map((v) => ({ value: v, label: t(`customers.type.${v}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="email" label={f('email')} rules={rules.email}>
            <Input type="email" maxLength={254} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="phone" label={f('phone')} rules={rules.phone}>
            <Input type="tel" maxLength={40} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="company" label={f('company')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="website" label={f('website')} rules={rules.website}>
            <Input maxLength={500} placeholder="example.com" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="status" label={f('status')}>
            <Select options={CUSTOMER_STATUSES.map((v) => ({ value: v, label: t(`customers.status.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownerId" label={f('ownerId')}>
            <UserSelect activeOnly knownLabel={ownerName} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industry" label={f('industry')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="source" label={f('source')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="tags" label={f('tags')}>
        <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder={t('customers.tagsHint')} />
      </Form.Item>
      <Divider orientation="left" plain style={{ marginTop: 4 }}>
        {f('address')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name={['address', 'country']} label={t('customers.address.country')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['address', 'region']} label={t('customers.address.region')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['address', 'city']} label={t('customers.address.city')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['address', 'postalCode']} label={t('customers.address.postalCode')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['address', 'street']} label={t('customers.address.street')}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="description" label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
      </Form.Item>
    </Form>
  )
}
