import { BankOutlined, UserOutlined } from '@ant-design/icons'
import { Avatar } from 'antd'
import type { CustomerType } from '../types'

const palette = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#ec4899']

/** A colour that stays the same for a name. */
function colorFor(name: string): string {
  let h = 0
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0
  return palette[h % palette.length]
}

export function CustomerAvatar({ name, type, size = 32 }: { name: string; type: CustomerType; size?: number }) {
  return (
    <Avatar
      size={size}
      shape={type === 'company' ? 'square' : 'circle'}
      style={{ background: colorFor(name), flexShrink: 0 }}
      icon={type === 'company' ? <BankOutlined /> : <UserOutlined />}
    />
  )
}
