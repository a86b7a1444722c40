import { Descriptions, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import { EMPTY } from '../../../lib/fieldDisplay'
import { StageTag } from '../../pipeline-stages/components/StageTag'
import type { Opportunity } from '../types'
import { LostReasonText } from '../../lost-reasons/components/LostReasonText'

/** Every field of the deal, read-only. */
export function OpportunityDetails({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation()
  const f = (k: string) => t(`opportunities.fields.${k}`)
  const or = (v: ReactNode) => (v === null || v === undefined || v === '' ? <Typography.Text type="secondary">{EMPTY}</Typography.Text> : v)
  const items: DescriptionsProps['items'] = [
    { key: 'customer', label: f('customerId'), children: <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link> },
    { key: 'stage', label: f('stage'), children: <StageTag stage={o.stage} /> },
    { key: 'amount', label: f('amount'), children: <Money amount={o.amount} currency={o.currency} strong /> },
    { key: 'probability', label: f('probability'), children: `${o.probability}%` },
    { key: 'expectedCloseDate', label: f('expectedCloseDate'), children: or(o.expectedCloseDate && <DayText value={o.expectedCloseDate} />) },
    { key: 'ownerId', label: f('ownerId'), children: or(o.ownerName) },
    ...(o.lostReasonId || o.lostNote ? [{ key: 'lostReason', label: f('lostReason'), children: <LostReasonText reasonId={o.lostReasonId} note={o.lostNote} /> }] : []),
    ...(o.closedAt ? [{ key: 'closedAt', label: f('closedAt'), children: <DateTime value={o.closedAt} /> }] : []),
    ...(o.leadId ? [{ key: 'leadId', label: f('leadId'), children: <Link to={`/leads/${o.leadId}`}>{t('opportunities.fromLead')}</Link> }] : []),
    { key: 'createdAt', label: f('createdAt'), children: <DateTime value={o.createdAt} /> },
    { key: 'updatedAt', label: f('updatedAt'), children: <DateTime value={o.updatedAt} /> },
  ]
  return <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }} items={items} />
}
