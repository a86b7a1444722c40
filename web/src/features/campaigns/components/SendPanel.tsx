import { ClockCircleOutlined, SendOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Divider, Flex, Input, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { useAuth } from '../../auth/hooks/useAuth'
import { useListCount } from '../../mailing-lists/hooks/useListCount'
import { useCampaignStats } from '../hooks/useCampaignStats'
import { useSendCampaign } from '../hooks/useSendCampaign'
import { useTestSend } from '../hooks/useTestSend'
import type { Campaign } from '../types'
import { SendProgress } from './SendProgress'

interface Props {
  campaign: Campaign
  /** The template has unsaved changes: nothing may be sent until they are saved. */
  dirty: boolean
  /** The recipient the preview shows; a test is rendered as for them. */
  memberId?: string
}

/** Test send, send now or later (after confirming the number of recipients), and the progress. */
export function SendPanel({ campaign, dirty, memberId }: Props) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const notifyError = useNotifyError()
  const { user } = useAuth()
  const [testTo, setTestTo] = useState(user.email)
  const [when, setWhen] = useState<Dayjs | null>(null)
  const [, setSearch] = useSearchParams()
  const testSend = useTestSend(campaign.id)
  const send = useSendCampaign(campaign.id)
  const sending = campaign.sendStatus === 'sending' || campaign.sendStatus === 'scheduled'
  const started = campaign.sendStatus !== 'draft'
  const stats = useCampaignStats(campaign.id, sending)
  const count = useListCount(campaign.mailingListId)
  const ready = Boolean(campaign.mailingListId && campaign.emailSubject && campaign.emailBody) && !dirty

  const doTest = () =>
    testSend.mutate(
      { to: testTo.trim(), memberId },
      { onSuccess: () => void message.success(t('campaigns.send.testSent', { to: testTo.trim() })), onError: notifyError },
    )

  const confirmSend = (at?: Dayjs) => {
    const addresses = count.data?.emails ?? 0
    modal.confirm({
      title: at ? t('campaigns.send.confirmScheduleTitle', { when: formatDateTime(at.toDate()) }) : t('campaigns.send.confirmTitle'),
      content: (
        <div data-testid="send-confirm">
          <Typography.Paragraph>{t('campaigns.send.confirmBody', { count: addresses, formatted: formatNumber(addresses), subject: campaign.emailSubject })}</Typography.Paragraph>
          <Typography.Text type="secondary">{t('campaigns.send.confirmNote')}</Typography.Text>
        </div>
      ),
      okText: at ? t('campaigns.send.scheduleOk') : t('campaigns.send.sendOk', { count: addresses, formatted: formatNumber(addresses) }),
      cancelText: t('common.cancel'),
      onOk: () =>
        send.mutateAsync(at?.toISOString()).then(
          () => void message.success(at ? t('campaigns.send.scheduled') : t('campaigns.send.started')),
          notifyError,
        ),
    })
  }

  return (
    <Card size="small" title={t('campaigns.send.title')} data-testid="send-panel">
      <Typography.Text strong>{t('campaigns.send.testTitle')}</Typography.Text>
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Input type="email" aria-label={t('campaigns.send.testTo')} value={testTo} onChange={(e) => setTestTo(e.target.value)} maxLength={254} />
        <Button icon={<SendOutlined />} loading={testSend.isPending} disabled={!ready || !testTo.trim()} onClick={doTest}>
          {t('campaigns.send.test')}
        </Button>
      </Flex>
      <Divider style={{ margin: '16px 0' }} />
      {!campaign.mailingListId && <Alert type="info" showIcon message={t('campaigns.send.noList')} style={{ marginBottom: 12 }} />}
      {dirty && <Alert type="warning" showIcon message={t('campaigns.send.saveFirst')} style={{ marginBottom: 12 }} />}
      {campaign.sendStatus === 'scheduled' && campaign.scheduledAt && (
        <Alert type="info" showIcon icon={<ClockCircleOutlined />} style={{ marginBottom: 12 }} message={<span>{t('campaigns.send.scheduledFor')} <DateTime value={campaign.scheduledAt} /></span>} />
      )}
      {campaign.sendStatus === 'failed' && campaign.sendError && <Alert type="error" showIcon message={campaign.sendError} style={{ marginBottom: 12 }} />}
      {started && stats.data && <SendProgress stats={stats.data} sendStatus={campaign.sendStatus} />}
      {campaign.sendStatus === 'sent' && (
        <Button type="link" style={{ paddingInline: 0, marginTop: 8 }} onClick={() => setSearch({ tab: 'results' }, { replace: true })}>
          {t('campaigns.send.seeResults')}
        </Button>
      )}
      {!started && (
        <>
          {count.data && (
            <Typography.Paragraph type="secondary" data-testid="send-audience">
              {t('campaigns.send.audience', { count: count.data.emails, formatted: formatNumber(count.data.emails) })}
            </Typography.Paragraph>
          )}
          <Flex gap={8} wrap>
            <Button type="primary" icon={<SendOutlined />} disabled={!ready} loading={send.isPending && !when} onClick={() => confirmSend()}>
              {t('campaigns.send.now')}
            </Button>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t('campaigns.send.at')}
              placeholder={t('campaigns.send.at')}
              value={when}
              onChange={setWhen}
              disabledDate={(d) => d.isBefore(new Date(), 'day')}
            />
            <Button icon={<ClockCircleOutlined />} disabled={!ready || !when} onClick={() => when && confirmSend(when)}>
              {t('campaigns.send.schedule')}
            </Button>
          </Flex>
        </>
      )}
    </Card>
  )
}
