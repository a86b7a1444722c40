import { App, Button } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import type { Lead } from '../types'
import { useDeleteLead } from './useDeleteLead'
import { useRestoreLead } from './useRestoreLead'

/** "Delete <lead>?", then an Undo for a few seconds. */
export function useConfirmDeleteLead() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const remove = useDeleteLead()
  const restore = useRestoreLead()
  const notifyError = useNotifyError()

  return useCallback(
    (lead: Pick<Lead, 'id' | 'name'>, onDeleted?: () => void) =>
      modal.confirm({
        title: t('leads.deleteTitle', { name: lead.name }),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(lead.id)
          } catch (e) {
            notifyError(e)
            return
          }
          onDeleted?.()
          const key = `lead-deleted-${lead.id}`
          const undo = () => {
            message.destroy(key)
            restore.mutate(lead.id, { onSuccess: () => message.success(t('leads.restored', { name: lead.name })), onError: notifyError })
          }
          message.open({
            key,
            type: 'success',
            duration: 8,
            content: (
              <span>
                {t('leads.deleted', { name: lead.name })}
                <Button type="link" size="small" onClick={undo}>
                  {t('common.undo')}
                </Button>
              </span>
            ),
          })
        },
      }),
    [t, modal, message, remove, restore, notifyError],
  )
}
