import { Col, Form, Row, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../../lib/format'
import { formatMoney } from '../../../lib/money'
import { useOrderList } from '../../orders/hooks/useOrderList'

/**
 * After-sales requests point at what was bought: one of the customer's orders, and a product
 * from that order's lines (the snapshot on the order, so a product renamed since still reads right).
 */
export function OrderProductFields({ customerId }: { customerId: string | undefined }) {
  const { t } = useTranslation()
  const form = Form.useFormInstance()
  const orderId = Form.useWatch('orderId', form) as string | null | undefined
  const orders = useOrderList({ customerId, sort: '-orderedAt', limit: 50 })
  const items = customerId ? (orders.data?.items ?? []) : []
  const order = items.find((o) => o.id === orderId)
  const products = (order?.lines ?? []).filter((l) => l.productId)
  const half = { xs: 24, sm: 12 }
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="orderId" label={t('tickets.fields.orderId')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            disabled={!customerId}
            loading={orders.isFetching}
            placeholder={t('tickets.form.orderPlaceholder')}
            notFoundContent={t('tickets.form.noOrders')}
            onChange={() => form.setFieldsValue({ productId: null })}
            options={items.map((o) => ({ value: o.id, label: `${o.number} · ${formatDate(o.orderedAt)} · ${formatMoney(o.total, o.currency)}` }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="productId" label={t('tickets.fields.productId')}>
          <Select
            allowClear
            disabled={!order}
            placeholder={t('tickets.form.productPlaceholder')}
            options={products.map((l) => ({ value: l.productId!, label: l.sku ? `${l.sku} · ${l.description}` : l.description }))}
          />
        </Form.Item>
      </Col>
    </Row>
  )
}
