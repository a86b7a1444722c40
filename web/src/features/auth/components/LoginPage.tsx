import { LockOutlined, MailOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input } from 'antd'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useSearchParams } from 'react-router'
import { FullPageSpin } from '../../../components/FullPageSpin'
import { useErrorText } from '../../../hooks/useErrorText'
import { isApiError } from '../../../lib/ApiError'
import { useLogin } from '../hooks/useLogin'
import { useSession } from '../hooks/useSession'
import { useSetupStatus } from '../hooks/useSetupStatus'
import { AuthLayout } from './AuthLayout'
import { safeNext } from '../safeNext'

// Only after a right password, and only for users with a second factor: not on the first load.
const TwoFactorSignIn = lazy(() => import('../../two-factor/components/TwoFactorSignIn').then((m) => ({ default: m.TwoFactorSignIn })))

interface LoginValues {
  email: string
  password: string
}

export default function LoginPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const session = useSession()
  const setup = useSetupStatus()
  const login = useLogin()
  const errorText = useErrorText()

  if (session.isPending || setup.isPending) return <FullPageSpin />
  if (session.data) return <Navigate to={next} replace />
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />
  const pending = login.data && 'token' in login.data ? login.data : null
  if (pending) {
    const enrol = pending.purpose === 'enrol'
    return (
      <AuthLayout title={t(enrol ? 'twoFactor.enrolTitle' : 'twoFactor.signInTitle')} subtitle={t(enrol ? 'twoFactor.enrolSubtitle' : 'twoFactor.signInSubtitle')}>
        <Suspense fallback={<FullPageSpin />}>
          <TwoFactorSignIn pending={pending} onStartOver={() => login.reset()} />
        </Suspense>
      </AuthLayout>
    )
  }

  const error = login.error
  const errorMessage = !error
    ? null
    : isApiError(error) && error.status === 401
      ? t('auth.wrongCredentials')
      : isApiError(error) && error.status === 429
        ? t('auth.tooManyAttempts')
        : errorText(error)

  return (
    <AuthLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      {errorMessage && <Alert type="error" showIcon message={errorMessage} style={{ marginBottom: 16 }} role="alert" />}
      <Form<LoginValues> layout="vertical" requiredMark={false} onFinish={(v) => login.mutate(v)} disabled={login.isPending}>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
          {t('auth.signIn')}
        </Button>
      </Form>
    </AuthLayout>
  )
}
