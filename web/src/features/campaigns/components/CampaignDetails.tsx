import { Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import { formatNumber } from '../../../lib/format'
import { useMailingList } from '../../mailing-lists/hooks/useMailingList'
import type { Campaign } from '../types'
import { CampaignStatusTag } from './CampaignStatusTag'
import { CampaignTypeTag } from './CampaignTypeTag'

export function CampaignDetails({ campaign: c }: { campaign: Campaign }) {
  const { t } = useTranslation()
  const f = (k: string) => t(`campaigns.fields.${k}`)
  const list = useMailingList(c.mailingListId)
  const none = <Typography.Text type="secondary">—</Typography.Text>
  return (
    <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered data-testid="campaign-details">
      <Descriptions.Item label={f('type')}>
        <CampaignTypeTag type={c.type} />
      </Descriptions.Item>
      <Descriptions.Item label={f('status')}>
        <CampaignStatusTag status={c.status} />
      </Descriptions.Item>
      <Descriptions.Item label={f('ownerId')}>{c.ownerName ?? none}</Descriptions.Item>
      <Descriptions.Item label={f('startDate')}>{c.startDate ? <DayText value={c.startDate} /> : none}</Descriptions.Item>
      <Descriptions.Item label={f('endDate')}>{c.endDate ? <DayText value={c.endDate} /> : none}</Descriptions.Item>
      <Descriptions.Item label={f('currency')}>{c.currency}</Descriptions.Item>
      <Descriptions.Item label={f('budget')}>{c.budget ? <Money amount={c.budget} currency={c.currency} /> : none}</Descriptions.Item>
      <Descriptions.Item label={f('actualCost')}>{c.actualCost ? <Money amount={c.actualCost} currency={c.currency} /> : none}</Descriptions.Item>
      {c.type === 'email' && (
        <Descriptions.Item label={f('mailingListId')}>{c.mailingListId ? <Link to={`/mailing-lists/${c.mailingListId}`}>{list.data?.name ?? '…'}</Link> : none}</Descriptions.Item>
      )}
      {c.type === 'email' && (
        <Descriptions.Item label={f('messagesPerMinute')}>
          {c.messagesPerMinute ? t('campaigns.perMinuteValue', { count: c.messagesPerMinute, formatted: formatNumber(c.messagesPerMinute) }) : t('campaigns.throttleDefault')}
        </Descriptions.Item>
      )}
      {c.description && (
        <Descriptions.Item label={f('description')} span="filled">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.description}</Typography.Paragraph>
        </Descriptions.Item>
      )}
    </Descriptions>
  )
}
