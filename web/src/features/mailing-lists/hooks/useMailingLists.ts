import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys, type MailingListListParams } from '../types'

export function useMailingLists(params: MailingListListParams) {
  return useQuery({
    queryKey: mailingListKeys.list(params),
    queryFn: ({ signal }) => mailingListsApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
