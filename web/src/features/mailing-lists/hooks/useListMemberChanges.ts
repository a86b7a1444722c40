import { useMutation, useQueryClient } from '@tanstack/react-query'
import { mailingListsApi } from '../api'
import { mailingListKeys, type MembersToAdd } from '../types'

/** Adding and removing members of a static list; both refresh its members and count. */
export function useListMemberChanges(listId: string) {
  const queryClient = useQueryClient()
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: [...mailingListKeys.all, 'members', listId] })
    void queryClient.invalidateQueries({ queryKey: mailingListKeys.count(listId) })
    void queryClient.invalidateQueries({ queryKey: mailingListKeys.lists() })
  }
  const add = useMutation({ mutationFn: (body: MembersToAdd) => mailingListsApi.addMembers(listId, body), onSuccess: refresh })
  const remove = useMutation({ mutationFn: (memberId: string) => mailingListsApi.removeMember(listId, memberId), onSuccess: refresh })
  return { add, remove }
}
