import { App, Button } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import type { Customer } from '../types'
import { useDeleteCustomer } from './useDeleteCustomer'
import { useRestoreCustomer } from './useRestoreCustomer'

/**
 * Asks "Delete <name>?", deletes (soft), then offers Undo for a few seconds.
 * `onDeleted` runs after the delete succeeded (e.g. leave the detail page).
 */
export function useConfirmDeleteCustomer() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const remove = useDeleteCustomer()
  const restore = useRestoreCustomer()
  const notifyError = useNotifyError()

  return useCallback(
    (customer: Pick<Customer, 'id' | 'name'>, onDeleted?: () => void) => {
      modal.confirm({
        title: t('customers.deleteTitle', { name: customer.name }),
        content: t('customers.deleteBody'),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(customer.id)
          } catch (e) {
            notifyError(e)
            return
          }
          onDeleted?.()
          const key = `deleted-${customer.id}`
          const undo = () => {
            message.destroy(key)
            restore.mutate(customer.id, {
              onSuccess: () => message.success(t('customers.restored', { name: customer.name })),
              onError: notifyError,
            })
          }
          message.open({
            key,
            type: 'success',
            duration: 8,
            content: (
              <span>
                {t('customers.deleted', { name: customer.name })}
                <Button type="link" size="small" onClick={undo} data-testid="undo-delete">
                  {t('common.undo')}
                </Button>
              </span>
            ),
          })
        },
      })
    },
    [t, modal, message, remove, restore, notifyError],
  )
}
