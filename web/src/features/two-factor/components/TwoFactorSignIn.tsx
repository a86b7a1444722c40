import { Alert, App, Button, Form, Spin } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../../hooks/useErrorText'
import { signedIn as startSession } from '../../auth/session'
import { twoFactorApi, type TwoFactorPending, type TwoFactorSession } from '../api'
import { CodeInput } from './CodeInput'
import { EnrolForm } from './EnrolForm'
import { RecoveryCodes } from './RecoveryCodes'

/**
 * The second sign-in step after a right password: a code (or a recovery code), or, when the role
 * requires 2FA and the user has none, setting it up. Only its success signs in.
 */
export function TwoFactorSignIn({ pending, onStartOver }: { pending: TwoFactorPending; onStartOver: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const errorText = useErrorText()
  const [recovery, setRecovery] = useState(false)
  const [signedIn, setSignedIn] = useState<TwoFactorSession | null>(null)
  const [form] = Form.useForm<{ code: string }>()
  const enrol = pending.purpose === 'enrol'

  const finish = (session: TwoFactorSession) => {
    startSession(queryClient, session)
  }
  const verify = useMutation({
    mutationFn: (code: string) => twoFactorApi.verify({ token: pending.token, code }),
    onSuccess: (session) => {
      if (recovery) message.info(t('twoFactor.recoveryUsed', { count: session.recoveryCodesLeft ?? 0 }))
      finish(session)
    },
  })
  const enrolment = useQuery({ queryKey: ['two-factor', 'pending', pending.token], queryFn: () => twoFactorApi.startPendingEnrolment(pending.token), enabled: enrol, staleTime: Infinity, retry: false })
  const confirm = useMutation({
    mutationFn: (code: string) => twoFactorApi.confirmPendingEnrolment({ token: pending.token, code }),
    onSuccess: setSignedIn,
  })

  const error = verify.error ?? confirm.error ?? enrolment.error
  const expired = (error as { code?: string } | null)?.code === 'TWO_FACTOR_CHALLENGE_INVALID'
  const alert = error && <Alert type="error" showIcon role="alert" message={errorText(error)} style={{ marginBottom: 16 }} />
  const back = (
    <Button type="link" block onClick={onStartOver} style={{ marginTop: 8 }}>
      {t('twoFactor.startOver')}
    </Button>
  )

  if (signedIn?.recoveryCodes) return <RecoveryCodes codes={signedIn.recoveryCodes} onDone={() => finish(signedIn)} />
  if (enrol) {
    return (
      <>
        {alert}
        {enrolment.data ? <EnrolForm form={form} enrolment={enrolment.data} pending={confirm.isPending} onConfirm={(c) => confirm.mutate(c)} /> : !expired && <Spin />}
        {back}
      </>
    )
  }
  return (
    <>
      {alert}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => verify.mutate(v.code)} disabled={verify.isPending || expired}>
        <Form.Item name="code" label={recovery ? t('twoFactor.recoveryCode') : t('twoFactor.code')} rules={[{ required: true, message: t('validation.required') }]}>
          <CodeInput recovery={recovery} autoFocus key={String(recovery)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending}>
          {t('twoFactor.verify')}
        </Button>
      </Form>
      <Button type="link" block onClick={() => { setRecovery(!recovery); form.resetFields(); verify.reset() }} style={{ marginTop: 8 }}>
        {recovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
      </Button>
      {back}
    </>
  )
}
