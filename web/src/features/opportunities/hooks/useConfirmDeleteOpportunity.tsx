import { App, Button } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import type { Opportunity } from '../types'
import { useDeleteOpportunity } from './useDeleteOpportunity'
import { useRestoreOpportunity } from './useRestoreOpportunity'

/** "Delete <deal>?", then an Undo for a few seconds. */
export function useConfirmDeleteOpportunity() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const remove = useDeleteOpportunity()
  const restore = useRestoreOpportunity()
  const notifyError = useNotifyError()

  return useCallback(
    (o: Pick<Opportunity, 'id' | 'name'>, onDeleted?: () => void) =>
      modal.confirm({
        title: t('opportunities.deleteTitle', { name: o.name }),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(o.id)
          } catch (e) {
            notifyError(e)
            return
          }
          onDeleted?.()
          const key = `opportunity-deleted-${o.id}`
          const undo = () => {
            message.destroy(key)
            restore.mutate(o.id, { onSuccess: () => message.success(t('opportunities.restored', { name: o.name })), onError: notifyError })
          }
          message.open({
            key,
            type: 'success',
            duration: 8,
            content: (
              <span>
                {t('opportunities.deleted', { name: o.name })}
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
