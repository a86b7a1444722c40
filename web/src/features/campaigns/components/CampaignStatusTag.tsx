import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { STATUS_COLORS, type CampaignStatus } from '../types'

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation()
  return <Tag color={STATUS_COLORS[status]}>{t(`campaigns.status.${status}`)}</Tag>
}
