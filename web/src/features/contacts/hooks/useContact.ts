import { useQuery } from '@tanstack/react-query'
import { contactsApi } from '../api'
import { contactKeys } from '../types'

export function useContact(id: string | undefined) {
  return useQuery({ queryKey: contactKeys.detail(id ?? ''), queryFn: () => contactsApi.get(id!), enabled: Boolean(id) })
}
