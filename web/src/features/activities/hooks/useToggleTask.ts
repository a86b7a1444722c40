import { App } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import type { Activity } from '../types'
import { useUpdateActivity } from './useUpdateActivity'

/** Ticks a task done (completedAt = now) or open again; resolves to whether it was saved. A stale version refreshes the list. */
export function useToggleTask() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const update = useUpdateActivity()
  const notifyError = useNotifyError()
  const { mutateAsync } = update
  const toggle = useCallback(
    async (task: Activity, done: boolean): Promise<boolean> => {
      try {
        await mutateAsync({ id: task.id, patch: { version: task.version, completedAt: done ? new Date().toISOString() : null } })
        void message.success(done ? t('activities.completed', { subject: task.subject }) : t('activities.reopened', { subject: task.subject }))
        return true
      } catch (e) {
        if (isApiError(e) && e.isConflict) void message.warning(t('activities.conflict'))
        else notifyError(e)
        return false
      }
    },
    [mutateAsync, message, notifyError, t],
  )
  return { toggle, pendingId: update.isPending ? update.variables?.id : undefined }
}
