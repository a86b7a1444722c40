import { Col, Form, Input, InputNumber, Row, Switch } from 'antd'
import type { FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { CurrencySelect } from '../../../components/CurrencySelect'
import type { ProductFormValues } from '../form'

interface Props {
  form: FormInstance<ProductFormValues>
  initialValues: ProductFormValues
  onFinish: (values: ProductFormValues) => void
  disabled?: boolean
}

/** A catalog item's fields; prices and tax rates stay decimal strings (InputNumber in string mode). */
export function ProductForm({ form, initialValues, onFinish, disabled }: Props) {
  const { t } = useTranslation()
  const f = (k: string) => t(`products.fields.${k}`)
  const required = [{ required: true, whitespace: true, message: t('validation.required') }]
  const half = { xs: 24, sm: 12 }
  return (
    <Form<ProductFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={disabled} scrollToFirstError>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="sku" label={f('sku')} rules={required} extra={t('products.skuHint')}>
            <Input maxLength={64} autoFocus style={{ fontFamily: 'ui-monospace, monospace' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="active" label={f('active')} valuePropName="checked">
            <Switch checkedChildren={t('products.active')} unCheckedChildren={t('products.inactive')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label={f('name')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={9}>
          <Form.Item name="unitPrice" label={f('unitPrice')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber<string> stringMode min="0" step="1" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={9}>
          <Form.Item name="currency" label={f('currency')} rules={[{ required: true, message: t('validation.required') }]}>
            <CurrencySelect />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item name="taxRate" label={f('taxRate')}>
            <InputNumber<string> stringMode min="0" max="100" step="1" suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
    </Form>
  )
}
