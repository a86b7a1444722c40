import { Flex, Typography } from 'antd'
import { Link } from 'react-router'
import type { Customer } from '../types'
import { CustomerAvatar } from './CustomerAvatar'

/** Avatar, name (a link) and the company or e-mail underneath. */
export function CustomerNameCell({ customer, link = true }: { customer: Customer; link?: boolean }) {
  const sub = customer.type === 'person' ? customer.company || customer.email : customer.email
  return (
    <Flex align="center" gap={10} style={{ minWidth: 0 }}>
      <CustomerAvatar name={customer.name} type={customer.type} />
      <div style={{ minWidth: 0 }}>
        {link ? (
          <Link to={`/customers/${customer.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {customer.name}
          </Link>
        ) : (
          <Typography.Text strong>{customer.name}</Typography.Text>
        )}
        {sub && (
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 260 }}>
            {sub}
          </Typography.Text>
        )}
      </div>
    </Flex>
  )
}
