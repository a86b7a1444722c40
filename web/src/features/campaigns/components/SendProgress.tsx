import { Flex, Progress, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../lib/format'
import type { CampaignStats, SendStatus } from '../types'

/** How far a send has come: each recipient is done once sent, bounced or given up on. */
export function SendProgress({ stats, sendStatus }: { stats: CampaignStats; sendStatus: SendStatus }) {
  const { t } = useTranslation()
  const done = stats.sent + stats.failed
  const total = stats.recipients
  const percent = total === 0 ? (sendStatus === 'sent' ? 100 : 0) : Math.floor((done / total) * 100)
  const status = sendStatus === 'failed' ? 'exception' : sendStatus === 'sent' ? 'success' : 'active'
  return (
    <Flex vertical gap={4} data-testid="send-progress" data-done={done} data-total={total}>
      <Progress percent={percent} status={status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('campaigns.send.progress', { done: formatNumber(done), total: formatNumber(total), pending: formatNumber(stats.pending) })}
      </Typography.Text>
    </Flex>
  )
}
