import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Space, Switch, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useBackupSettings } from '../hooks/useBackupSettings'
import { useSaveBackupSettings } from '../hooks/useSaveBackupSettings'
import type { BackupSettingsInput } from '../types'
import { BackupFilesTable } from './BackupFilesTable'

type Values = Omit<BackupSettingsInput, 'version'>

/** Scheduled backups (admins): when, where, how many are kept; and the files made so far. */
export default function BackupsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const settings = useBackupSettings()
  const save = useSaveBackupSettings()
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data)
  }, [settings.data, form])

  if (settings.isPending) return <Skeleton active paragraph={{ rows: 6 }} />
  if (settings.error) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
  const s = settings.data
  const f = (k: string) => t(`backups.fields.${k}`)
  const submit = (v: Values) =>
    save.mutate({ ...v, directory: v.directory.trim(), version: s.version }, { onSuccess: () => void message.success(t('backups.saved')), onError })

  return (
    <>
      <PageHeader title={t('backups.title')} subtitle={t('backups.subtitle')} />
      <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 880 }}>
        <Card>
          <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={save.isPending} initialValues={s}>
            <Form.Item name="enabled" label={f('enabled')} valuePropName="checked">
              <Switch aria-label={f('enabled')} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={8}>
                <Form.Item name="hour" label={f('hour')} extra={t('backups.hourHint')} rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber aria-label={f('hour')} min={0} max={23} precision={0} addonAfter={t('backups.oclock')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="keepCount" label={f('keepCount')} rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber aria-label={f('keepCount')} min={1} max={1000} precision={0} addonAfter={t('backups.copies')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="keepDays" label={f('keepDays')} extra={t('backups.keepDaysHint')} rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber aria-label={f('keepDays')} min={0} max={3650} precision={0} addonAfter={t('backups.days')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="directory" label={f('directory')} extra={t('backups.directoryHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={500} />
            </Form.Item>
            <Alert type={s.encrypted ? 'success' : 'warning'} showIcon message={t(s.encrypted ? 'backups.encrypted' : 'backups.notEncrypted')} style={{ marginBottom: 16 }} />
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        <Card title={t('backups.files')}>
          <Typography.Paragraph type="secondary">
            {s.lastRunAt ? <>{t('backups.lastRun')} <DateTime value={s.lastRunAt} /></> : t('backups.neverRun')}
          </Typography.Paragraph>
          {s.lastError && <Alert type="error" showIcon message={t('backups.lastError')} description={s.lastError} style={{ marginBottom: 16 }} />}
          <BackupFilesTable />
        </Card>
      </Space>
    </>
  )
}
