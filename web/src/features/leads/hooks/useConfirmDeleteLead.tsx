import { useConfirmSoftDelete } from '../../../hooks/useConfirmSoftDelete'
import { useDeleteLead } from './useDeleteLead'
import { useRestoreLead } from './useRestoreLead'

/** "Delete <lead>?", then an Undo for a few seconds. */
export function useConfirmDeleteLead() {
  return useConfirmSoftDelete({
    remove: useDeleteLead(),
    restore: useRestoreLead(),
    keyPrefix: 'lead-deleted-',
    texts: { title: 'leads.deleteTitle', deleted: 'leads.deleted', restored: 'leads.restored' },
  })
}
