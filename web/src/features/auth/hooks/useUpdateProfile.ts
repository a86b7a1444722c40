import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi, sessionKey } from '../api'
import { applySession } from '../session'

export function useUpdateProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: authApi.updateMe,
    onSuccess: (session, input) => {
      const zoneChanged = input.timeZone !== undefined && input.timeZone !== queryClient.getQueryData<typeof session>(sessionKey)?.user.timeZone
      applySession(session)
      queryClient.setQueryData(sessionKey, session)
      // Another zone is another "today": tasks and anything counted by day are asked for again.
      void queryClient.invalidateQueries(zoneChanged ? undefined : { queryKey: ['users'] })
    },
  })
}
