import { App, Button, Card, Checkbox, Form, InputNumber, Skeleton, Space } from 'antd'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import type { SecuritySettingsUpdate } from '../api'
import { useSecuritySettings } from '../hooks/useSecuritySettings'

const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing'] as const

/**
 * Admins: the whole sign-in policy in one form (one settings record on the server) — how long a
 * session lasts, then the password length and the roles that must use a second factor.
 */
export default function SecuritySettingsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Omit<SecuritySettingsUpdate, 'version'>>()
  const onError = useFormErrorHandler(form)
  const { query, save } = useSecuritySettings()
  // Filled when a version arrives, not on every refetch: a background refetch of the same version
  // must not undo what the admin is ticking.
  const loaded = useRef<number | null>(null)
  useEffect(() => {
    if (query.data && query.data.version !== loaded.current) {
      loaded.current = query.data.version
      const { updatedAt: _u, version: _v, ...values } = query.data
      form.setFieldsValue(values)
    }
  }, [query.data, form])

  if (query.isPending) return <Skeleton active />
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  const required = [{ required: true, message: t('validation.required') }]
  // The version the form was loaded at: another admin's change since is a 409, not silently undone.
  const { version } = query.data
  const onSaveError = (e: unknown) => {
    onError(e)
    // Show what the other admin saved, so the next save starts from it.
    if (isApiError(e) && e.isConflict) void query.refetch()
  }
  return (
    <>
      <PageHeader title={t('security.title')} subtitle={t('security.subtitle')} />
      <Form<Omit<SecuritySettingsUpdate, 'version'>>
        form={form}
        // The first render already holds the values: a click cannot land before the effect fills them.
        initialValues={(({ updatedAt: _u, version: _v, ...values }) => values)(query.data)}
        layout="vertical"
        disabled={save.isPending}
        onFinish={(v) => save.mutate({ ...v, requireTwoFactorRoles: v.requireTwoFactorRoles ?? [], version }, { onSuccess: () => message.success(t('security.saved')), onError: onSaveError })}
      >
        <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
          <Card title={t('security.settings.title')} data-testid="security-settings">
            <Form.Item name="sessionIdleMinutes" label={t('security.settings.idle')} extra={t('security.settings.idleHint')} rules={required}>
              <InputNumber min={5} max={43200} precision={0} addonAfter={t('security.settings.minutes')} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="sessionMaxDays" label={t('security.settings.max')} extra={t('security.settings.maxHint')} rules={required}>
              <InputNumber min={1} max={365} precision={0} addonAfter={t('security.settings.days')} style={{ width: 220 }} />
            </Form.Item>
          </Card>
          <Card title={t('security.policy.title')} data-testid="security-policy">
            <Form.Item name="passwordMinLength" label={t('security.policy.passwordMinLength')} extra={t('security.policy.passwordMinLengthHelp')} rules={required}>
              <InputNumber min={10} max={128} precision={0} />
            </Form.Item>
            <Form.Item name="requireTwoFactorRoles" label={t('security.policy.requireRoles')} extra={t('security.policy.requireRolesHelp')}>
              <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
          </Card>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </>
  )
}
