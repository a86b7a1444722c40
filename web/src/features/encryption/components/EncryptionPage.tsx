import { Alert, App, Button, Card, Checkbox, Descriptions, Skeleton, Space, Table, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { useChooseEncryptedFields } from '../hooks/useChooseEncryptedFields'
import { useEncryptionStatus } from '../hooks/useEncryptionStatus'
import type { EncryptableField, EncryptionStatus } from '../types'

/** Which fields are stored encrypted, the keys in use and the background re-seal pass (admins). */
export default function EncryptionPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notify = useNotifyError()
  const status = useEncryptionStatus()
  const choose = useChooseEncryptedFields()
  const [chosen, setChosen] = useState<EncryptableField[]>([])
  useEffect(() => {
    if (status.data) setChosen(status.data.fields.filter((f) => f.chosen && !f.always).map((f) => f.field))
  }, [status.data])

  if (status.isPending) return <Skeleton active paragraph={{ rows: 6 }} />
  if (status.error) return <ErrorResult error={status.error} onRetry={() => void status.refetch()} />
  const s = status.data
  const active = s.keys.find((k) => k.active)
  const toggle = (f: EncryptableField, on: boolean) => setChosen((c) => (on ? [...c, f] : c.filter((x) => x !== f)))
  const save = () =>
    choose.mutate({ fields: chosen, version: s.version }, { onSuccess: () => void message.success(t('encryption.saved')), onError: notify })

  return (
    <>
      <PageHeader title={t('encryption.title')} subtitle={t('encryption.subtitle')} />
      <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
        {!s.configured && <Alert type="warning" showIcon message={t('encryption.noKey')} />}
        <Card>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('encryption.masterKey')}>
              {s.fingerprint ? <Typography.Text code>{t('encryption.fingerprint', { fp: s.fingerprint })}</Typography.Text> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('encryption.dataKeys')}>
              {active ? t('encryption.dataKeysValue', { n: s.keys.length, since: formatDateTime(active.createdAt) }) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <ResealLine reseal={s.reseal} />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
            {t('encryption.rotateHint')} <Typography.Text code>npx kith keys rotate</Typography.Text>
          </Typography.Paragraph>
        </Card>
        <Card title={t('encryption.fieldsTitle')}>
          <Table
            rowKey="field"
            pagination={false}
            dataSource={s.fields}
            columns={[
              {
                title: t('encryption.field'),
                key: 'field',
                render: (_, f) => (
                  <Checkbox checked={f.always ? f.chosen : chosen.includes(f.field)} disabled={!s.configured || f.always} onChange={(e) => toggle(f.field, e.target.checked)}>
                    {t(`encryption.fields.${f.field}`)}
                  </Checkbox>
                ),
              },
              { title: t('encryption.search'), key: 'search', render: (_, f) => (f.loses === 'none' ? t('encryption.searchNone') : f.loses === 'search' ? t('encryption.searchLost') : t('encryption.searchSubstring')) },
            ]}
          />
          <Button type="primary" style={{ marginTop: 16 }} onClick={save} loading={choose.isPending} disabled={!s.configured}>
            {t('encryption.save')}
          </Button>
        </Card>
      </Space>
    </>
  )
}

function ResealLine({ reseal }: { reseal: EncryptionStatus['reseal'] }) {
  const { t } = useTranslation()
  if (!reseal) return null
  return (
    <Typography.Text type={reseal.finishedAt ? 'secondary' : undefined}>
      {reseal.finishedAt
        ? t('encryption.reseal.finished', { at: formatDateTime(reseal.finishedAt), n: formatNumber(reseal.changed) })
        : t('encryption.reseal.running', { n: formatNumber(reseal.changed) })}
    </Typography.Text>
  )
}
