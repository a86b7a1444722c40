import { useConfirmSoftDelete } from '../../../hooks/useConfirmSoftDelete'
import { useDeleteContact } from './useDeleteContact'
import { useRestoreContact } from './useRestoreContact'

/** "Delete <name>?", then an Undo for a few seconds (no message after restoring). */
export function useConfirmDeleteContact() {
  return useConfirmSoftDelete({
    remove: useDeleteContact(),
    restore: useRestoreContact(),
    keyPrefix: 'contact-deleted-',
    texts: { title: 'contacts.deleteTitle', deleted: 'contacts.deleted' },
  })
}
