import { Alert, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import type { Lead } from '../types'

/** A converted lead says where it went: the customer, the contact, the deal. */
export function ConvertedLeadAlert({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation()
  if (l.status !== 'converted') return null
  return (
    <Alert
      type="success"
      showIcon
      data-testid="converted-alert"
      style={{ marginBottom: 16 }}
      message={
        <span>
          {t('leads.convertedOn')} <DateTime value={l.convertedAt} />
        </span>
      }
      description={
        <Space size={16} wrap>
          {l.convertedCustomerId && <Link to={`/customers/${l.convertedCustomerId}`}>{t('leads.goto.customer')}</Link>}
          {l.convertedContactId && <Link to={`/contacts/${l.convertedContactId}`}>{t('leads.goto.contact')}</Link>}
          {l.convertedOpportunityId && <Link to={`/opportunities/${l.convertedOpportunityId}`}>{t('leads.goto.opportunity')}</Link>}
        </Space>
      }
    />
  )
}
