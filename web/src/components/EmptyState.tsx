import { Empty } from 'antd'
import type { ReactNode } from 'react'

interface Props {
  title: string
  description?: string
  /** The call to action, e.g. a "New customer" button. */
  action?: ReactNode
}

export function EmptyState({ title, description, action }: Props) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      style={{ padding: '32px 0' }}
      description={
        <div>
          <div style={{ fontWeight: 500, color: 'rgba(0,0,0,0.75)' }}>{title}</div>
          {description && <div style={{ marginTop: 4 }}>{description}</div>}
        </div>
      }
    >
      {action}
    </Empty>
  )
}
