import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { TYPE_COLORS, type CampaignType } from '../types'

export function CampaignTypeTag({ type }: { type: CampaignType }) {
  const { t } = useTranslation()
  return <Tag color={TYPE_COLORS[type]}>{t(`campaigns.type.${type}`)}</Tag>
}
