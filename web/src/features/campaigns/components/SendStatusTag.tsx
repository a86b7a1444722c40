import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { SEND_STATUS_COLORS, type SendStatus } from '../types'

/** Where the e-mail send stands (draft, scheduled, sending…). */
export function SendStatusTag({ status }: { status: SendStatus }) {
  const { t } = useTranslation()
  return (
    <Tag color={SEND_STATUS_COLORS[status]} data-testid="send-status" data-status={status}>
      {t(`campaigns.sendStatus.${status}`)}
    </Tag>
  )
}
