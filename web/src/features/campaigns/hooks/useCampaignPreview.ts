import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { campaignsApi } from '../api'
import { campaignKeys, type Campaign } from '../types'

/** The saved template rendered by the server for one member; refetched when the campaign is saved. */
export function useCampaignPreview(campaign: Campaign, memberId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.preview(campaign.id, memberId, campaign.version),
    queryFn: ({ signal }) => campaignsApi.preview(campaign.id, memberId, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && Boolean(campaign.mailingListId && campaign.emailBody),
    retry: false,
  })
}
