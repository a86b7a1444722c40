import { App, Button } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import type { Contact } from '../types'
import { useDeleteContact } from './useDeleteContact'
import { useRestoreContact } from './useRestoreContact'

/** "Delete <name>?", then an Undo for a few seconds. */
export function useConfirmDeleteContact() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const remove = useDeleteContact()
  const restore = useRestoreContact()
  const notifyError = useNotifyError()

  return useCallback(
    (contact: Pick<Contact, 'id' | 'name'>, onDeleted?: () => void) => {
      modal.confirm({
        title: t('contacts.deleteTitle', { name: contact.name }),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(contact.id)
          } catch (e) {
            notifyError(e)
            return
          }
          onDeleted?.()
          const key = `contact-deleted-${contact.id}`
          const undo = () => {
            message.destroy(key)
            restore.mutate(contact.id, { onError: notifyError })
          }
          message.open({
            key,
            type: 'success',
            duration: 8,
            content: (
              <span>
                {t('contacts.deleted', { name: contact.name })}
                <Button type="link" size="small" onClick={undo}>
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
