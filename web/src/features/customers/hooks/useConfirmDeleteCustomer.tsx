import { useConfirmSoftDelete } from '../../../hooks/useConfirmSoftDelete'
import { useDeleteCustomer } from './useDeleteCustomer'
import { useRestoreCustomer } from './useRestoreCustomer'

/** "Delete <name>?" (soft), then an Undo for a few seconds; `onDeleted` runs after the delete succeeded (e.g. leave the detail page). */
export function useConfirmDeleteCustomer() {
  return useConfirmSoftDelete({
    remove: useDeleteCustomer(),
    restore: useRestoreCustomer(),
    keyPrefix: 'deleted-',
    texts: { title: 'customers.deleteTitle', body: 'customers.deleteBody', deleted: 'customers.deleted', restored: 'customers.restored' },
    undoTestId: 'undo-delete',
  })
}
