import { SafetyOutlined } from '@ant-design/icons'
import { App, Button, Popconfirm } from 'antd'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { twoFactorApi } from '../api'

/** Admins: remove a user's second factor (he lost his phone and his recovery codes). Audited on the server. */
export function ResetTwoFactorButton({ userId }: { userId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const reset = useMutation({ mutationFn: twoFactorApi.reset })
  return (
    <Popconfirm
      title={t('twoFactor.reset')}
      description={t('twoFactor.resetConfirm')}
      okText={t('twoFactor.reset')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() => reset.mutate(userId, { onSuccess: () => message.success(t('twoFactor.resetDone')), onError: notifyError })}
    >
      <Button type="text" size="small" icon={<SafetyOutlined />} aria-label={t('twoFactor.reset')} title={t('twoFactor.reset')} />
    </Popconfirm>
  )
}
