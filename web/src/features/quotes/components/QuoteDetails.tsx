import { Descriptions, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { EMPTY } from '../../../lib/fieldDisplay'
import type { Quote } from '../types'

/** Who the quote is for and where it came from, read-only. */
export function QuoteDetails({ quote: q }: { quote: Quote }) {
  const { t } = useTranslation()
  const f = (k: string) => t(`quotes.fields.${k}`)
  const or = (v: ReactNode) => (v === null || v === undefined || v === '' ? <Typography.Text type="secondary">{EMPTY}</Typography.Text> : v)
  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: f('customerId'), children: <Link to={`/customers/${q.customerId}`}>{q.customerName}</Link> },
    { key: 'contact', label: f('contactId'), children: or(q.contactName) },
    { key: 'opportunity', label: f('opportunityId'), children: <Link to={`/opportunities/${q.opportunityId}`}>{q.opportunityName}</Link> },
    ...(q.sentAt ? [{ key: 'sentAt', label: f('sentAt'), children: <DateTime value={q.sentAt} /> }] : []),
    ...(q.sentTo ? [{ key: 'sentTo', label: f('sentTo'), children: q.sentTo }] : []),
    { key: 'createdAt', label: f('createdAt'), children: <DateTime value={q.createdAt} /> },
  ]
  return <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" colon={false} styles={{ label: { color: 'rgba(0,0,0,0.5)' } }} items={items} />
}
