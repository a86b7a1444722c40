import { useConfirmSoftDelete } from '../../../hooks/useConfirmSoftDelete'
import { useDeleteCampaign } from './useDeleteCampaign'
import { useRestoreCampaign } from './useRestoreCampaign'

/** "Delete <campaign>?", then an Undo for a few seconds. */
export function useConfirmDeleteCampaign() {
  return useConfirmSoftDelete({
    remove: useDeleteCampaign(),
    restore: useRestoreCampaign(),
    keyPrefix: 'campaign-deleted-',
    texts: { title: 'campaigns.deleteTitle', deleted: 'campaigns.deleted', restored: 'campaigns.restored' },
  })
}
