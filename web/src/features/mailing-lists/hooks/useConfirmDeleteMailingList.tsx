import { useConfirmSoftDelete } from '../../../hooks/useConfirmSoftDelete'
import { useDeleteMailingList } from './useDeleteMailingList'
import { useRestoreMailingList } from './useRestoreMailingList'

/** "Delete <list>?", then an Undo for a few seconds. */
export function useConfirmDeleteMailingList() {
  return useConfirmSoftDelete({
    remove: useDeleteMailingList(),
    restore: useRestoreMailingList(),
    keyPrefix: 'mailing-list-deleted-',
    texts: { title: 'mailingLists.deleteTitle', body: 'mailingLists.deleteBody', deleted: 'mailingLists.deleted', restored: 'mailingLists.restored' },
  })
}
