import { useMutation, useQueryClient } from '@tanstack/react-query'
import { encryptionApi } from '../api'
import { encryptionKeys } from '../types'

export function useChooseEncryptedFields() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: encryptionApi.choose, onSuccess: (s) => queryClient.setQueryData(encryptionKeys.status, s) })
}
