import { useQuery } from '@tanstack/react-query'
import { encryptionApi } from '../api'
import { encryptionKeys } from '../types'

/** Keys, chosen fields and the background re-seal pass; polled while a pass runs. */
export function useEncryptionStatus() {
  return useQuery({
    queryKey: encryptionKeys.status,
    queryFn: ({ signal }) => encryptionApi.status(signal),
    refetchInterval: (q) => (q.state.data?.reseal && !q.state.data.reseal.finishedAt ? 3000 : false),
  })
}
