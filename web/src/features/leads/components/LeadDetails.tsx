import { Descriptions, Progress, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { PhoneText } from '../../../components/PhoneText'
import { EMPTY } from '../../../lib/fieldDisplay'
import type { Lead } from '../types'
import { LeadStatusTag } from './LeadStatusTag'

/** Every field of the lead, read-only. */
export function LeadDetails({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation()
  const f = (k: string) => t(`leads.fields.${k}`)
  const or = (v: ReactNode) => (v === null || v === undefined || v === '' ? <Typography.Text type="secondary">{EMPTY}</Typography.Text> : v)
  const items: DescriptionsProps['items'] = [
    { key: 'status', label: f('status'), children: <LeadStatusTag status={l.status} /> },
    { key: 'company', label: f('company'), children: or(l.company) },
    { key: 'title', label: f('title'), children: or(l.title) },
    { key: 'email', label: f('email'), children: or(l.email && <a href={`mailto:${l.email}`}>{l.email}</a>) },
    { key: 'phone', label: f('phone'), children: or(l.phone && <PhoneText value={l.phone} link />) },
    { key: 'source', label: f('source'), children: or(l.source) },
    { key: 'score', label: f('score'), children: <Progress percent={l.score} size="small" format={(p) => p} style={{ maxWidth: 180, margin: 0 }} /> },
    { key: 'ownerId', label: f('ownerId'), children: or(l.ownerName) },
    { key: 'description', label: f('description'), children: or(l.description && <span style={{ whiteSpace: 'pre-wrap' }}>{l.description}</span>) },
    { key: 'createdAt', label: f('createdAt'), children: <DateTime value={l.createdAt} /> },
    { key: 'updatedAt', label: f('updatedAt'), children: <DateTime value={l.updatedAt} /> },
  ]
  return <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }} items={items} />
}
