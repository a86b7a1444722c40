import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { usersApi } from '../api'
import { userKeys, type UserListParams } from '../types'

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => usersApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
