import { App, Button } from 'antd'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from './useNotifyError'

interface Options {
  /** `remove.mutateAsync(id)` soft-deletes; `restore.mutate(id, …)` undoes it. */
  remove: { mutateAsync: (id: string) => Promise<unknown> }
  restore: { mutate: (id: string, options: { onSuccess?: () => void; onError: (e: unknown) => void }) => void }
  /** The message key is `${keyPrefix}${id}`. */
  keyPrefix: string
  /** i18n keys, each given `{ name }`. Without `body` the confirm has no content; without `restored` no message after Undo. */
  texts: { title: string; body?: string; deleted: string; restored?: string }
  undoTestId?: string
}

/**
 * Asks "Delete <name>?", deletes (soft), then shows "deleted" with an Undo button for a few seconds.
 * The returned function takes the record and an `onDeleted` run after the delete succeeded
 * (e.g. leave the detail page).
 */
export function useConfirmSoftDelete({ remove, restore, keyPrefix, texts, undoTestId }: Options) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const notifyError = useNotifyError()
  const { title, body, deleted, restored } = texts

  return useCallback(
    (record: { id: string; name: string }, onDeleted?: () => void) =>
      modal.confirm({
        title: t(title, { name: record.name }),
        ...(body ? { content: t(body) } : {}),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await remove.mutateAsync(record.id)
          } catch (e) {
            notifyError(e)
            return
          }
          onDeleted?.()
          const key = `${keyPrefix}${record.id}`
          const undo = () => {
            message.destroy(key)
            restore.mutate(record.id, {
              ...(restored ? { onSuccess: () => message.success(t(restored, { name: record.name })) } : {}),
              onError: notifyError,
            })
          }
          message.open({
            key,
            type: 'success',
            duration: 8,
            content: (
              <span>
                {t(deleted, { name: record.name })}
                <Button type="link" size="small" onClick={undo} data-testid={undoTestId}>
                  {t('common.undo')}
                </Button>
              </span>
            ),
          })
        },
      }),
    [t, modal, message, remove, restore, notifyError, keyPrefix, title, body, deleted, restored, undoTestId],
  )
}
