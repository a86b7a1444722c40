import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import type { SecuritySettingsUpdate } from '../api'
import { useSecuritySettings } from '../hooks/useSecuritySettings'

/** Session time-outs (admins): shorter ones also end sessions already open. */
export function SecuritySettingsCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<SecuritySettingsUpdate>()
  const onError = useFormErrorHandler(form)
  const { query, save } = useSecuritySettings()
  useEffect(() => {
    if (query.data) form.setFieldsValue({ sessionIdleMinutes: query.data.sessionIdleMinutes, sessionMaxDays: query.data.sessionMaxDays })
  }, [query.data, form])

  return (
    <Card title={t('security.settings.title')} data-testid="security-settings">
      {query.isPending ? (
        <Skeleton active />
      ) : query.error ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Form<SecuritySettingsUpdate>
          form={form}
          layout="vertical"
          style={{ maxWidth: 420 }}
          onFinish={(v) => save.mutate(v, { onSuccess: () => message.success(t('security.settings.saved')), onError })}
        >
          <Form.Item name="sessionIdleMinutes" label={t('security.settings.idle')} extra={t('security.settings.idleHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={5} max={43200} precision={0} addonAfter={t('security.settings.minutes')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="sessionMaxDays" label={t('security.settings.max')} extra={t('security.settings.maxHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={1} max={365} precision={0} addonAfter={t('security.settings.days')} style={{ width: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  )
}
