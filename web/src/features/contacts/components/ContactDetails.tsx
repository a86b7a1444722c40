import { Descriptions, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { PhoneText } from '../../../components/PhoneText'
import { EMPTY } from '../../../lib/fieldDisplay'
import type { Contact } from '../types'

export function ContactDetails({ contact: c }: { contact: Contact }) {
  const { t } = useTranslation()
  const f = (name: string) => t(`contacts.fields.${name}`)
  const or = (v: ReactNode) => (v === null || v === undefined || v === '' || v === false ? <Typography.Text type="secondary">{EMPTY}</Typography.Text> : v)
  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: f('customerId'), children: <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link> },
    { key: 'title', label: f('title'), children: or(c.title) },
    { key: 'email', label: f('email'), children: or(c.email && <a href={`mailto:${c.email}`}>{c.email}</a>) },
    { key: 'phone', label: f('phone'), children: or(c.phone && <PhoneText value={c.phone} link />) },
    { key: 'isPrimary', label: f('isPrimary'), children: c.isPrimary ? t('common.yes') : t('common.no') },
    { key: 'createdAt', label: f('createdAt'), children: <DateTime value={c.createdAt} /> },
    { key: 'updatedAt', label: f('updatedAt'), children: <DateTime value={c.updatedAt} /> },
  ]
  return <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }} items={items} />
}
