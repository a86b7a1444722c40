import { ShoppingOutlined } from '@ant-design/icons'
import { Card, Descriptions, Flex, Skeleton, Space, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { DayText } from '../../../components/DayText'
import { ErrorResult } from '../../../components/ErrorResult'
import { Money } from '../../../components/Money'
import { PageHeader } from '../../../components/PageHeader'
import { EMPTY } from '../../../lib/fieldDisplay'
import { QuoteNumber } from '../../quotes/components/QuoteNumber'
import { QuoteTotals } from '../../quotes/components/QuoteTotals'
import { useOrder } from '../hooks/useOrder'
import { OrderActions } from './OrderActions'
import { OrderLines } from './OrderLines'
import { OrderStatusSteps } from './OrderStatusSteps'
import { OrderStatusTag } from './OrderStatusTag'

/** One order (订单): status steps with the next action, ship date, customer, source quote, lines. */
export default function OrderDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const { data: o, error, isPending, refetch } = useOrder(id)
  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />

  const f = (k: string) => t(`orders.fields.${k}`)
  const empty = <Typography.Text type="secondary">{EMPTY}</Typography.Text>
  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: f('customerId'), children: <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link> },
    { key: 'quote', label: f('quoteId'), children: o.quoteId ? <Link to={`/quotes/${o.quoteId}`}>{o.quoteNumber && o.quoteRevision ? <QuoteNumber quote={{ number: o.quoteNumber, revision: o.quoteRevision }} /> : t('orders.sourceQuote')}</Link> : empty },
    { key: 'orderedAt', label: f('orderedAt'), children: <DateTime value={o.orderedAt} /> },
    { key: 'shipDate', label: f('shipDate'), children: o.shipDate ? <span data-testid="order-ship-date"><DayText value={o.shipDate} /></span> : empty },
    ...(o.opportunityId ? [{ key: 'opportunity', label: f('opportunityId'), children: <Link to={`/opportunities/${o.opportunityId}`}>{o.opportunityName}</Link> }] : []),
    ...(o.contactName ? [{ key: 'contact', label: f('contactId'), children: o.contactName }] : []),
    ...(o.notes ? [{ key: 'notes', label: f('notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.notes}</span> }] : []),
  ]
  const totals = { subtotal: o.subtotal, discountTotal: o.discountTotal, taxTotal: o.taxTotal, total: o.total }
  return (
    <>
      <PageHeader
        backTo="/orders"
        title={
          <Space size={12} align="center">
            <ShoppingOutlined style={{ color: '#4f46e5' }} />
            <span data-testid="order-number">{o.number}</span>
          </Space>
        }
        subtitle={
          <Space size={10} wrap>
            <span data-testid="order-status">
              <OrderStatusTag status={o.status} />
            </span>
            <Money amount={o.total} currency={o.currency} strong />
            <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
          </Space>
        }
        actions={<OrderActions order={o} />}
      />
      <Card style={{ marginBottom: 16 }}>
        <OrderStatusSteps order={o} />
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" colon={false} styles={{ label: { color: 'rgba(0,0,0,0.5)' } }} items={items} />
      </Card>
      <Card title={t('orders.lines')}>
        <OrderLines order={o} />
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <QuoteTotals totals={totals} currency={o.currency} />
        </Flex>
      </Card>
    </>
  )
}
