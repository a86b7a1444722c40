import { useConfirmSoftDelete } from '../../../hooks/useConfirmSoftDelete'
import { useDeleteOpportunity } from './useDeleteOpportunity'
import { useRestoreOpportunity } from './useRestoreOpportunity'

/** "Delete <deal>?", then an Undo for a few seconds. */
export function useConfirmDeleteOpportunity() {
  return useConfirmSoftDelete({
    remove: useDeleteOpportunity(),
    restore: useRestoreOpportunity(),
    keyPrefix: 'opportunity-deleted-',
    texts: { title: 'opportunities.deleteTitle', deleted: 'opportunities.deleted', restored: 'opportunities.restored' },
  })
}
