import { Descriptions, Space, Tag, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { PhoneText } from '../../../components/PhoneText'
import { EMPTY } from '../../../lib/fieldDisplay'
import { ADDRESS_FIELDS } from '../form'
import type { Customer } from '../types'
import { StatusTag } from './StatusTag'

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined)

/** Every field of the customer, read-only. */
export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation()
  const f = (name: string) => t(`customers.fields.${name}`)
  const or = (v: ReactNode) => (v === null || v === undefined || v === '' || v === false ? <Typography.Text type="secondary">{EMPTY}</Typography.Text> : v)
  const address = ADDRESS_FIELDS.map((k) => c.address?.[k]).filter(Boolean)
  const site = c.website ? safeHref(c.website) : undefined

  const tags = (
    <Space size={[0, 4]} wrap>
      {c.tags.map((tag) => (
        <Tag key={tag} bordered={false}>
          {tag}
        </Tag>
      ))}
    </Space>
  )
  const website = c.website && (site ? <a href={site} target="_blank" rel="noopener noreferrer nofollow">{c.website}</a> : c.website)
  const description = c.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.description}</Typography.Paragraph>

  const items: DescriptionsProps['items'] = [
    { key: 'type', label: f('type'), children: t(`customers.type.${c.type}`) },
    { key: 'status', label: f('status'), children: <StatusTag status={c.status} /> },
    { key: 'email', label: f('email'), children: or(c.email && <a href={`mailto:${c.email}`}>{c.email}</a>) },
    { key: 'phone', label: f('phone'), children: or(c.phone && <PhoneText value={c.phone} link />) },
    { key: 'company', label: f('company'), children: or(c.company) },
    { key: 'website', label: f('website'), children: or(website) },
    { key: 'industry', label: f('industry'), children: or(c.industry) },
    { key: 'source', label: f('source'), children: or(c.source) },
    { key: 'ownerId', label: f('ownerId'), children: or(c.ownerName) },
    { key: 'tags', label: f('tags'), children: or(c.tags.length > 0 && tags) },
    { key: 'address', label: f('address'), children: or(address.join(', ')) },
    { key: 'description', label: f('description'), children: or(description) },
    { key: 'createdAt', label: f('createdAt'), children: <DateTime value={c.createdAt} /> },
    { key: 'updatedAt', label: f('updatedAt'), children: <DateTime value={c.updatedAt} /> },
  ]

  return <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }} items={items} />
}
