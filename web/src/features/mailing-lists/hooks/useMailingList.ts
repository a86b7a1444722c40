import { useQuery } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys } from '../types'

export function useMailingList(id: string | null | undefined) {
  return useQuery({ queryKey: mailingListKeys.detail(id ?? ''), queryFn: () => mailingListsApi.get(id!), enabled: Boolean(id) })
}
