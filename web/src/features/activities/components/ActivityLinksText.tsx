import { Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Activity } from '../types'

/** Links to the records an activity belongs to (on pages that list activities of many records). */
export function ActivityLinksText({ activity: a, hideCustomer = false }: { activity: Activity; hideCustomer?: boolean }) {
  const { t } = useTranslation()
  const links = [
    a.opportunityId && { to: `/opportunities/${a.opportunityId}`, label: t('activities.on.opportunity') },
    a.leadId && { to: `/leads/${a.leadId}`, label: t('activities.on.lead') },
    a.customerId && !hideCustomer && { to: `/customers/${a.customerId}`, label: t('activities.on.customer') },
    a.contactId && { to: `/contacts/${a.contactId}`, label: t('activities.on.contact') },
  ].filter((l): l is { to: string; label: string } => Boolean(l))
  if (links.length === 0) return null
  return (
    <Space size={12} wrap style={{ fontSize: 12 }}>
      {links.map((l) => (
        <Link key={l.to} to={l.to}>
          {l.label}
        </Link>
      ))}
    </Space>
  )
}
