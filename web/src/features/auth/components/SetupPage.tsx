import { Button, Form, Input } from 'antd'
import { browserTimeZone } from '../../../lib/format'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router'
import { FullPageSpin } from '../../../components/FullPageSpin'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isAppLocale } from '../../../lib/locale'
import { useSetup } from '../hooks/useSetup'
import { useSetupStatus } from '../hooks/useSetupStatus'
import { AuthLayout } from './AuthLayout'

interface SetupValues {
  name: string
  email: string
  password: string
  confirm: string
}

/** First run: create the first administrator. Only reachable while nobody exists yet. */
export default function SetupPage() {
  const { t, i18n } = useTranslation()
  const [form] = Form.useForm<SetupValues>()
  const status = useSetupStatus()
  const setup = useSetup()
  const navigate = useNavigate()
  const onError = useFormErrorHandler(form)

  if (status.isPending) return <FullPageSpin />
  if (!status.data?.needsSetup && !setup.isSuccess) return <Navigate to="/login" replace />

  const submit = ({ name, email, password }: SetupValues) =>
    setup.mutate(
      // The browser's zone becomes the company's: the server may well run in UTC.
      { name, email, password, locale: isAppLocale(i18n.language) ? i18n.language : undefined, timeZone: browserTimeZone() },
      // Home, where the getting-started checklist leads through the first steps.
      { onSuccess: () => navigate('/', { replace: true }), onError },
    )

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <Form<SetupValues> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={setup.isPending}>
        <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoComplete="name" autoFocus size="large" />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email', message: t('validation.email') }]}>
          <Input type="email" autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          extra={t('validation.passwordHint')}
          rules={[{ required: true, min: 10, message: t('validation.passwordMin') }]}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  )
}
