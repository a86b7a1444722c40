import { App, Button, Card, Checkbox, Form, InputNumber, Skeleton } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { twoFactorApi, twoFactorKeys, type SecuritySettingsUpdate } from '../api'

const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing'] as const

/** Admins: the minimum password length and the roles that must sign in with a second factor. */
export default function SecuritySettingsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<SecuritySettingsUpdate>()
  const onError = useFormErrorHandler(form)
  const settings = useQuery({ queryKey: twoFactorKeys.settings, queryFn: twoFactorApi.settings })
  const save = useMutation({
    mutationFn: twoFactorApi.saveSettings,
    onSuccess: (s) => {
      queryClient.setQueryData(twoFactorKeys.settings, s)
      message.success(t('security.saved'))
    },
    onError,
  })
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data)
  }, [settings.data, form])

  if (settings.isPending) return <Skeleton active />
  if (settings.error) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
  return (
    <>
      <PageHeader title={t('security.title')} subtitle={t('security.subtitle')} />
      <Card style={{ maxWidth: 720 }}>
        <Form<SecuritySettingsUpdate> form={form} layout="vertical" initialValues={settings.data} onFinish={(v) => save.mutate({ passwordMinLength: v.passwordMinLength, requireTwoFactorRoles: v.requireTwoFactorRoles ?? [] })} disabled={save.isPending}>
          <Form.Item name="passwordMinLength" label={t('security.passwordMinLength')} extra={t('security.passwordMinLengthHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={10} max={128} precision={0} />
          </Form.Item>
          <Form.Item name="requireTwoFactorRoles" label={t('security.requireRoles')} extra={t('security.requireRolesHelp')}>
            <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  )
}
