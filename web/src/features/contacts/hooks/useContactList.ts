import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { contactsApi } from '../api'
import { contactKeys, type ContactListParams } from '../types'

export function useContactList(params: ContactListParams, enabled = true) {
  return useQuery({
    queryKey: contactKeys.list(params),
    queryFn: ({ signal }) => contactsApi.list(params, signal),
    placeholderData: keepPreviousData,
    enabled,
  })
}
