import { Flex, Typography } from 'antd'
import { Link } from 'react-router'
import { useOrder } from '../../orders/hooks/useOrder'

/** The order an after-sales ticket is about, by number, with the product from its lines. */
export function TicketOrderLink({ orderId, productId }: { orderId: string; productId: string | null }) {
  const order = useOrder(orderId)
  const line = productId ? order.data?.lines.find((l) => l.productId === productId) : undefined
  return (
    <Flex vertical>
      <Link to={`/orders/${orderId}`}>{order.data?.number ?? '…'}</Link>
      {line && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {line.sku ? `${line.sku} · ${line.description}` : line.description}
        </Typography.Text>
      )}
    </Flex>
  )
}
