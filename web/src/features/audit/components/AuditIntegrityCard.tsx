import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Flex, List, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { formatNumber } from '../../../lib/format'
import { useAuditVerification } from '../hooks/useAuditVerification'
import { useStartAuditVerification } from '../hooks/useStartAuditVerification'
import type { AuditVerification } from '../types'

const STATUS_COLORS: Record<AuditVerification['status'], string> = { running: 'processing', ok: 'success', failed: 'error', error: 'warning' }

/** The hash chains' last check (admins): when, how many rows, what broke; and a button to check again. */
export function AuditIntegrityCard() {
  const { t } = useTranslation()
  const query = useAuditVerification()
  const start = useStartAuditVerification()
  const v = query.data?.verification ?? null
  const running = v?.status === 'running'

  return (
    <Card
      title={<Flex gap={8} align="center"><SafetyCertificateOutlined />{t('audit.integrity.title')}</Flex>}
      extra={
        <Button onClick={() => start.mutate()} loading={start.isPending || running} disabled={query.isPending}>
          {running ? t('audit.integrity.running') : t('audit.integrity.start')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('audit.integrity.description')}</Typography.Paragraph>
      {start.error && <Alert type="error" showIcon message={t('audit.integrity.startFailed')} style={{ marginBottom: 12 }} />}
      {!v ? (
        !query.isPending && <Typography.Text type="secondary">{t('audit.integrity.never')}</Typography.Text>
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label={t('audit.integrity.status')}>
              <Tag color={STATUS_COLORS[v.status]}>{t(`audit.integrity.statuses.${v.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.integrity.startedAt')}><DateTime value={v.startedAt} /></Descriptions.Item>
            <Descriptions.Item label={t('audit.integrity.finishedAt')}>{v.finishedAt ? <DateTime value={v.finishedAt} /> : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('audit.integrity.rowsChecked')}>{formatNumber(v.rowsChecked)}</Descriptions.Item>
            {v.redacted > 0 && <Descriptions.Item label={t('audit.integrity.redacted')}>{formatNumber(v.redacted)}</Descriptions.Item>}
          </Descriptions>
          {v.error && <Alert type="warning" showIcon message={t('audit.integrity.error')} description={v.error} />}
          {v.problems.length > 0 && (
            <List
              size="small"
              header={<Typography.Text type="danger">{t('audit.integrity.problems', { count: v.problems.length })}</Typography.Text>}
              dataSource={v.problems}
              renderItem={(p) => (
                <List.Item>
                  <Flex vertical gap={2}>
                    <span>
                      <Tag color="red">{t(`audit.integrity.kinds.${p.kind}`)}</Tag>
                      {t('audit.integrity.where', { chain: p.chain, seq: formatNumber(p.seq) })}
                    </span>
                    {p.id && <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>{p.id}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  )
}
