import { App, Button, Card, Form, Skeleton, Space, Tag, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { ErrorResult } from '../../../components/ErrorResult'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { twoFactorApi, twoFactorKeys, type TwoFactorEnrolment } from '../api'
import { useTwoFactorStatus } from '../hooks/useTwoFactorStatus'
import { CodeModal } from './CodeModal'
import { EnrolForm } from './EnrolForm'
import { RecoveryCodes } from './RecoveryCodes'

/** The profile page's security section: set up, recovery codes, turn off. */
export function TwoFactorCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const status = useTwoFactorStatus()
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [modal, setModal] = useState<'regenerate' | 'disable' | null>(null)
  const [form] = Form.useForm<{ code: string }>()
  const onError = useFormErrorHandler(form)
  const refresh = () => void queryClient.invalidateQueries({ queryKey: twoFactorKeys.status })

  const start = useMutation({ mutationFn: twoFactorApi.startEnrolment, onSuccess: setEnrolment })
  const confirm = useMutation({
    mutationFn: twoFactorApi.confirmEnrolment,
    onSuccess: (r) => {
      setEnrolment(null)
      setCodes(r.recoveryCodes)
      message.success(t('twoFactor.enabled'))
      refresh()
    },
    onError,
  })
  const regenerate = useMutation({ mutationFn: twoFactorApi.regenerate })
  const disable = useMutation({ mutationFn: twoFactorApi.disable })

  const body = () => {
    if (status.isPending) return <Skeleton active />
    if (status.error) return <ErrorResult error={status.error} onRetry={() => void status.refetch()} />
    if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
    if (enrolment) return <EnrolForm form={form} enrolment={enrolment} pending={confirm.isPending} onConfirm={(c) => confirm.mutate(c)} />
    const s = status.data
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('twoFactor.intro')}</Typography.Paragraph>
        <Space wrap>
          {s.enabled ? <Tag color="green">{t('twoFactor.on')}</Tag> : <Tag>{t('twoFactor.off')}</Tag>}
          {s.enabled && s.enabledAt && <Typography.Text type="secondary">{t('twoFactor.enabledSince')} <DateTime value={s.enabledAt} /></Typography.Text>}
          {s.enabled && <Typography.Text data-testid="recovery-left">{t('twoFactor.recoveryLeft', { count: s.recoveryCodesLeft })}</Typography.Text>}
        </Space>
        {s.required && <Typography.Text type="warning">{t('twoFactor.required')}</Typography.Text>}
        {s.enabled ? (
          <Space wrap>
            <Button onClick={() => setModal('regenerate')}>{t('twoFactor.newCodes')}</Button>
            {!s.required && <Button danger onClick={() => setModal('disable')}>{t('twoFactor.disable')}</Button>}
          </Space>
        ) : (
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>{t('twoFactor.setUp')}</Button>
        )}
      </Space>
    )
  }

  return (
    <Card title={t('twoFactor.title')}>
      {body()}
      {modal === 'regenerate' && (
        <CodeModal
          title={t('twoFactor.newCodes')}
          help={t('twoFactor.newCodesHelp')}
          pending={regenerate.isPending}
          onCancel={() => setModal(null)}
          onSubmit={({ code }, fail) => regenerate.mutate(code, { onSuccess: (r) => { setModal(null); setCodes(r.recoveryCodes); refresh() }, onError: fail })}
        />
      )}
      {modal === 'disable' && (
        <CodeModal
          title={t('twoFactor.disable')}
          help={t('twoFactor.disableHelp')}
          withPassword
          pending={disable.isPending}
          onCancel={() => setModal(null)}
          onSubmit={({ code, password }, fail) => disable.mutate({ code, password: password ?? '' }, { onSuccess: () => { setModal(null); message.success(t('twoFactor.disabled')); refresh() }, onError: fail })}
        />
      )}
    </Card>
  )
}
