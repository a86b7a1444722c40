import { App } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import type { Activity } from '../types'
import { useDeleteActivity } from './useDeleteActivity'

/** "Delete this activity?" then deletes it. */
export function useConfirmDeleteActivity() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const remove = useDeleteActivity()
  const notifyError = useNotifyError()
  return useCallback(
    (a: Pick<Activity, 'id' | 'subject'>) =>
      modal.confirm({
        title: t('activities.deleteTitle', { subject: a.subject }),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(a.id)
            message.success(t('activities.deleted'))
          } catch (e) {
            notifyError(e)
          }
        },
      }),
    [t, modal, message, remove, notifyError],
  )
}
